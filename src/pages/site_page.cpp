#include "pages/site_page.hpp"

#include "core/text.hpp"
#include "pages/site_page_store.hpp"
#include "store/content_generation.hpp"

namespace dateline::pages {

core::Result<std::optional<SitePage>> SitePages::Find(std::string_view slug) {
  return SitePageStore::Find(db_, slug);
}

core::Result<void> SitePages::MayEdit(const accounts::Actor& actor) {
  return accounts::Require(actor, accounts::Capability::kEditSitePages,
                           "Pages are edited by the newsroom's administrators.");
}

const KnownPage* FindKnownPage(std::string_view slug) {
  for (const auto& page : kKnownPages) {
    if (slug == page.slug) return &page;
  }
  return nullptr;
}

core::Result<void> SitePages::Save(const accounts::Actor& actor, const SitePage& page) {
  DL_TRY(MayEdit(actor));
  if (!core::IsValidSlug(page.slug) || core::Trim(page.title).empty() ||
      !core::IsValidUtf8(page.title) || !core::IsValidUtf8(page.body_markdown)) {
    return core::Error::InvalidArgument("A page needs a title and text.").ForReaders();
  }
  if (page.title.size() > 200)
    return core::Error::InvalidArgument("Keep the title to 200 characters.").ForReaders();
  if (page.body_markdown.size() > 200 * 1024)
    return core::Error::InvalidArgument("Keep the page under 200 KB of text.").ForReaders();
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(SitePageStore::Put(tx, page));
    return store::BumpContentGeneration(tx);
  });
}

}  // namespace dateline::pages
