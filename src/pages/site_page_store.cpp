#include "pages/site_page_store.hpp"

namespace dateline::pages {

core::Result<std::optional<SitePage>> SitePageStore::Find(store::Executor& x,
                                                          std::string_view slug) {
  auto rows =
      x.Query("SELECT slug, title, body_markdown, updated_at FROM site_pages WHERE slug = ?",
              {std::string(slug)});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<SitePage>();
  const auto& r = rows->front();
  return std::optional<SitePage>(SitePage{r.Text(0), r.Text(1), r.Text(2), r.Int(3)});
}

core::Result<void> SitePageStore::Put(store::Executor& tx, const SitePage& page) {
  DL_TRY(tx.Execute("DELETE FROM site_pages WHERE slug = ?", {page.slug}));
  auto r = tx.Execute(
      "INSERT INTO site_pages (slug, title, body_markdown, updated_at) VALUES (?, ?, ?, ?)",
      {page.slug, page.title, page.body_markdown, page.updated_at});
  if (!r.ok()) return r.error();
  return {};
}

}  // namespace dateline::pages
