#pragma once
// The site_pages table and its SQL.

#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "pages/site_page.hpp"
#include "store/db.hpp"

namespace dateline::pages {

class SitePageStore {
 public:
  static core::Result<std::optional<SitePage>> Find(store::Executor& x, std::string_view slug);
  // Inserts the page, or replaces the one with its slug.
  static core::Result<void> Put(store::Executor& tx, const SitePage& page);
};

}  // namespace dateline::pages
