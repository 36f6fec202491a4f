#pragma once
// The newsletters table: the only place that writes its SQL.

#include <optional>
#include <vector>

#include "core/result.hpp"
#include "newsletters/newsletter.hpp"
#include "store/db.hpp"

namespace dateline::newsletters {

class NewsletterStore {
 public:
  explicit NewsletterStore(store::Db& db) : db_(db) {}

  // Newsletters are few (kMaxNewsletters): read whole, by name.
  core::Result<std::vector<Newsletter>> List();
  core::Result<std::optional<Newsletter>> FindBySlug(std::string_view slug);
  // Creates (id 0) or updates. kAlreadyExists when the slug is another's; kInvalidArgument
  // past kMaxNewsletters.
  core::Result<Newsletter> Save(const Newsletter& n, int64_t now);

 private:
  store::Db& db_;
};

// For imports, inside the caller's transaction: the newsletter with `slug`, made (free,
// not ticked by default) with `name` when there is none. kInvalidArgument past
// kMaxNewsletters.
core::Result<int64_t> EnsureNewsletter(store::Executor& tx, const std::string& slug,
                                       const std::string& name, int64_t now);

}  // namespace dateline::newsletters
