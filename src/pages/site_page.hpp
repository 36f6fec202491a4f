#pragma once
// Editorial pages that are not articles: the comments policy ("Here's why"), later the
// about and terms pages. Stored so admins can edit them without a deploy.

#include <cstdint>
#include <optional>
#include <string>

#include "accounts/actor.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::pages {

struct SitePage {
  std::string slug;
  std::string title;
  std::string body_markdown;
  int64_t updated_at = 0;
};

inline constexpr const char* kCommentsPolicySlug = "comments-policy";

// The pages and who may edit them; the SQL is site_page_store's.
class SitePages {
 public:
  explicit SitePages(store::Db& db) : db_(db) {}
  core::Result<std::optional<SitePage>> Find(std::string_view slug);
  // Who may edit pages (kEditSitePages): kPermissionDenied with a sentence, or nothing.
  static core::Result<void> MayEdit(const accounts::Actor& actor);
  // Inserts or replaces the page and bumps the content generation, in one transaction.
  core::Result<void> Save(const accounts::Actor& actor, const SitePage& page);

 private:
  store::Db& db_;
};

}  // namespace dateline::pages
