#include "web/articles/feeds.hpp"

#include "articles/markdown.hpp"
#include "articles/paywall.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "web/kit/cached_page.hpp"

namespace dateline::web {
namespace {

constexpr int kFeedItems = 50;
constexpr int kSitemapUrls = 50000;  // the sitemap protocol's limit per file

using core::EscapeMarkup;

}  // namespace

core::Result<BuiltPage> BuildShelfFeed(const ArticlesContext& ctx, const FeedSpec& spec) {
  auto page = ctx.articles.ListShelfPage(spec.shelf, "", kFeedItems);
  if (!page.ok()) return page.error();
  const auto& list = page->items;
  auto next = ctx.articles.NextScheduledPublication();
  if (!next.ok()) return next.error();
  std::vector<int64_t> ids;
  ids.reserve(list.size());
  for (const auto& a : list) ids.push_back(a.id);
  auto placements = ctx.structure.PlacementsOf(ids);
  if (!placements.ok()) return placements.error();
  const std::string site = ctx.config.SiteUrl();
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n";
  xml += "<title>" + EscapeMarkup(spec.title) + "</title>\n<link>" + EscapeMarkup(site) +
         EscapeMarkup(spec.link_path) + "</link>\n<description>" + EscapeMarkup(spec.description) +
         "</description>\n<language>en</language>\n";
  xml += "<atom:link href=\"" + EscapeMarkup(site + spec.self_path) +
         "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  if (!list.empty())
    xml +=
        "<lastBuildDate>" + core::FormatHttpDate(list.front().published_at) + "</lastBuildDate>\n";
  for (const auto& a : list) {
    std::string url = site + "/articles/" + a.slug;
    // Readers without access get the free paragraphs here too, and a way to the rest.
    std::string html =
        articles::RenderMarkdown(articles::PublicMarkdown(a, ctx.config.paywall_free_paragraphs));
    if (a.access != articles::Access::kFree)
      html += "<p><a href=\"" + EscapeMarkup(url) + "\">Continue reading</a> (" +
              (a.access == articles::Access::kSubscribers ? "for subscribers" : "free account") +
              ")</p>";
    xml += "<item>\n<title>" + EscapeMarkup(a.headline) + "</title>\n<link>" + EscapeMarkup(url) +
           "</link>\n<guid isPermaLink=\"true\">" + EscapeMarkup(url) + "</guid>\n<pubDate>" +
           core::FormatHttpDate(a.published_at) + "</pubDate>\n";
    const articles::Placement& placed = (*placements)[a.id];
    for (const auto& c : placed.authors) {
      xml += "<dc:creator>" + EscapeMarkup(c.author.name) + "</dc:creator>\n";
    }
    if (placed.authors.empty() && !a.byline.empty())
      xml += "<dc:creator>" + EscapeMarkup(a.byline) + "</dc:creator>\n";
    if (placed.section) xml += "<category>" + EscapeMarkup(placed.section->name) + "</category>\n";
    for (const auto& t : placed.tags) xml += "<category>" + EscapeMarkup(t.name) + "</category>\n";
    if (!a.dek.empty()) xml += "<description>" + EscapeMarkup(a.dek) + "</description>\n";
    xml += "<content:encoded>" + EscapeMarkup(html) + "</content:encoded>\n</item>\n";
  }
  xml += "</channel>\n</rss>\n";
  return BuiltPage{std::move(xml), *next};
}

namespace {

core::Result<BuiltPage> BuildSitemap(const ArticlesContext& ctx) {
  auto list = ctx.articles.ListPublished(kSitemapUrls - 3);
  if (!list.ok()) return list.error();
  auto next = ctx.articles.NextScheduledPublication();
  if (!next.ok()) return next.error();
  const std::string site = EscapeMarkup(ctx.config.SiteUrl());
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  xml += "<url><loc>" + site + "/</loc></url>\n";
  for (const auto& a : *list) {
    xml += "<url><loc>" + site + "/articles/" + EscapeMarkup(a.slug) + "</loc><lastmod>" +
           core::FormatIso8601(std::max(a.published_at, a.updated_at)) + "</lastmod></url>\n";
  }
  xml += "<url><loc>" + site + "/subscribe</loc></url>\n";
  xml += "<url><loc>" + site + "/comments-policy</loc></url>\n";
  xml += "<url><loc>" + site + "/corrections</loc></url>\n</urlset>\n";
  return BuiltPage{std::move(xml), *next};
}

// Google News: the stories of the last two days (at most 1,000, the protocol's limit),
// with the publication's name and language and each story's title and time.
core::Result<BuiltPage> BuildNewsSitemap(const ArticlesContext& ctx) {
  int64_t now = ctx.clock.NowSeconds();
  constexpr int64_t kWindow = 2 * 86400;
  articles::Shelf recent;
  recent.from = now - kWindow;
  auto page = ctx.articles.ListShelfPage(recent, "", 1000);
  if (!page.ok()) return page.error();
  auto next = ctx.articles.NextScheduledPublication();
  if (!next.ok()) return next.error();
  const std::string site = EscapeMarkup(ctx.config.SiteUrl());
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n";
  for (const auto& a : page->items) {
    xml += "<url><loc>" + site + "/articles/" + EscapeMarkup(a.slug) +
           "</loc><news:news><news:publication><news:name>" + EscapeMarkup(ctx.config.site_title) +
           "</news:name><news:language>en</news:language></news:publication>"
           "<news:publication_date>" +
           core::FormatIso8601(a.published_at) + "</news:publication_date><news:title>" +
           EscapeMarkup(a.headline) + "</news:title></news:news></url>\n";
  }
  xml += "</urlset>\n";
  // It changes by itself when its oldest story ages out of the window.
  std::optional<int64_t> expires = *next;
  if (!page->items.empty()) {
    int64_t ages_out = page->items.back().published_at + kWindow + 1;
    if (!expires || ages_out < *expires) expires = ages_out;
  }
  return BuiltPage{std::move(xml), expires};
}

}  // namespace

http::Response NewsSitemap(const ArticlesContext& ctx, const http::Request&) {
  return ServePublic(ctx, "news-sitemap.xml", "application/xml; charset=utf-8",
                     [&](const Visitor*) { return BuildNewsSitemap(ctx); });
}

http::Response RssFeed(const ArticlesContext& ctx, const http::Request&) {
  return ServePublic(ctx, "feed.xml", "application/rss+xml; charset=utf-8", [&](const Visitor*) {
    return BuildShelfFeed(ctx, {ctx.config.site_title,
                                "The latest news from " + ctx.config.site_title + ".",
                                "/",
                                "/feed.xml",
                                {}});
  });
}

http::Response Sitemap(const ArticlesContext& ctx, const http::Request&) {
  return ServePublic(ctx, "sitemap.xml", "application/xml; charset=utf-8",
                     [&](const Visitor*) { return BuildSitemap(ctx); });
}

http::Response RobotsTxt(const ArticlesContext& ctx, const http::Request&) {
  return ServePublic(ctx, "robots.txt", "text/plain; charset=utf-8", [&](const Visitor*) {
    return core::Result<BuiltPage>(
        BuiltPage{"User-agent: *\nDisallow: /account\nDisallow: /admin/\nDisallow: /subscribe/\n"
                  "Disallow: /reset\nDisallow: /verify\n\nSitemap: " +
                      ctx.config.SiteUrl() + "/sitemap.xml\nSitemap: " + ctx.config.SiteUrl() +
                      "/news-sitemap.xml\n",
                  std::nullopt});
  });
}

}  // namespace dateline::web
