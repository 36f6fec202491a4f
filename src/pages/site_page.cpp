#include "pages/site_page.hpp"

#include "core/text.hpp"
#include "store/content_generation.hpp"

namespace dateline::pages {

core::Result<std::optional<SitePage>> SitePageStore::Find(std::string_view slug) {
  auto rows =
      db_.Query("SELECT slug, title, body_markdown, updated_at FROM site_pages WHERE slug = ?",
                {std::string(slug)});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<SitePage>();
  const auto& r = rows->front();
  return std::optional<SitePage>(SitePage{r.Text(0), r.Text(1), r.Text(2), r.Int(3)});
}

core::Result<void> SitePageStore::MayEdit(const accounts::Actor& actor) {
  return accounts::Require(actor, accounts::Capability::kEditSitePages,
                           "Pages are edited by the newsroom's administrators.");
}

core::Result<void> SitePageStore::Save(const accounts::Actor& actor, const SitePage& page) {
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
    DL_TRY(tx.Execute("DELETE FROM site_pages WHERE slug = ?", {page.slug}));
    DL_TRY(tx.Execute(
        "INSERT INTO site_pages (slug, title, body_markdown, updated_at) VALUES (?, ?, ?, ?)",
        {page.slug, page.title, page.body_markdown, page.updated_at}));
    return store::BumpContentGeneration(tx);
  });
}

}  // namespace dateline::pages
