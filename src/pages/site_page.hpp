#pragma once
// Editorial pages that are not articles: the comments policy ("Here's why"), about,
// contact, privacy and terms. Stored so admins can edit them without a deploy; each is
// created at first start from content/pages/<slug>.md.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

// The site's own pages: each has an address (/<slug>), a line in the footer and an editor
// at /admin/pages/<slug>. `about` says what the page is for, to whoever edits it.
struct KnownPage {
  const char* slug;
  const char* title;
  const char* about;
};
inline constexpr KnownPage kKnownPages[] = {
    {"about", "About us", "Who publishes the site, and how the newsroom works."},
    {"contact", "Contact", "How readers reach the newsroom, and where tips go."},
    {"comments-policy", "Comments policy",
     "The page behind “Here’s why” under every article: who may comment, and the rules."},
    {"privacy", "Privacy", "What the site records about readers, why, and for how long."},
    {"terms", "Terms of use", "The terms of subscriptions and of using the site."},
};
// The known page with this slug, or null.
const KnownPage* FindKnownPage(std::string_view slug);

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
