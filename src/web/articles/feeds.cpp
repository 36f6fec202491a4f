#include "web/articles/feeds.hpp"

#include "articles/markdown.hpp"
#include "articles/paywall.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "web/kit/cached_page.hpp"
#include "web/kit/error_pages.hpp"

namespace dateline::web {
namespace {

constexpr int kFeedItems = 50;
constexpr std::string_view kUrlsetOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";

using core::EscapeMarkup;

}  // namespace

core::Result<BuiltPage> BuildShelfFeed(const ArticlesContext& ctx, const FeedSpec& spec) {
  auto latest = ctx.articles.LatestOnShelf(spec.shelf, kFeedItems);
  if (!latest.ok()) return latest.error();
  const auto& list = *latest;
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

// The sitemap is an index (/sitemap.xml) of documents under /sitemaps/: the site's own
// pages, and the stories in groups by id, each group at most articles::kStoriesPerSitemap.
// Each is built from the story index alone, never the bodies, and cached until it changes.
core::Result<BuiltPage> BuildSitemapIndex(const ArticlesContext& ctx) {
  auto groups = ctx.articles.SitemapGroups(articles::kStoriesPerSitemap);
  if (!groups.ok()) return groups.error();
  auto next = ctx.articles.NextScheduledPublication();
  if (!next.ok()) return next.error();
  const std::string site = EscapeMarkup(ctx.config.SiteUrl());
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  xml += "<sitemap><loc>" + site + "/sitemaps/pages.xml</loc></sitemap>\n";
  for (const auto& g : *groups) {
    xml += "<sitemap><loc>" + site + "/sitemaps/stories-" + std::to_string(g.number) +
           ".xml</loc><lastmod>" + core::FormatIso8601(g.lastmod) + "</lastmod></sitemap>\n";
  }
  xml += "</sitemapindex>\n";
  return BuiltPage{std::move(xml), *next};
}

core::Result<BuiltPage> BuildStoriesSitemap(const ArticlesContext& ctx, int64_t group) {
  auto entries = ctx.articles.SitemapEntries(group, articles::kStoriesPerSitemap);
  if (!entries.ok()) return entries.error();
  if (entries->empty()) return core::Error::NotFound("no stories in this sitemap");
  auto next = ctx.articles.NextScheduledPublication();
  if (!next.ok()) return next.error();
  const std::string site = EscapeMarkup(ctx.config.SiteUrl());
  std::string xml(kUrlsetOpen);
  xml.reserve(xml.size() + entries->size() * (site.size() + 90));
  for (const auto& e : *entries) {
    xml += "<url><loc>" + site + "/articles/" + EscapeMarkup(e.slug) + "</loc><lastmod>" +
           core::FormatIso8601(e.lastmod) + "</lastmod></url>\n";
  }
  xml += "</urlset>\n";
  return BuiltPage{std::move(xml), *next};
}

BuiltPage BuildPagesSitemap(const ArticlesContext& ctx) {
  const std::string site = EscapeMarkup(ctx.config.SiteUrl());
  std::string xml(kUrlsetOpen);
  for (const char* path : {"/", "/subscribe", "/comments-policy", "/corrections", "/archive"}) {
    xml += "<url><loc>" + site + path + "</loc></url>\n";
  }
  xml += "</urlset>\n";
  return BuiltPage{std::move(xml), std::nullopt};
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
                     [&](const Visitor*) { return BuildSitemapIndex(ctx); });
}

http::Response SitemapPart(const ArticlesContext& ctx, const http::Request& request) {
  std::string_view file = request.PathParam("file");
  const std::string type = "application/xml; charset=utf-8";
  if (file == "pages.xml") {
    return ServePublic(ctx, "sitemaps/pages.xml", type, [&](const Visitor*) {
      return core::Result<BuiltPage>(BuildPagesSitemap(ctx));
    });
  }
  // "stories-N.xml", N as the index writes it (no sign, no leading zero): one cache key
  // per group that exists, however the address is spelled by others.
  constexpr std::string_view kPrefix = "stories-", kSuffix = ".xml";
  std::string_view number;
  if (file.size() > kPrefix.size() + kSuffix.size() && file.substr(0, kPrefix.size()) == kPrefix &&
      file.substr(file.size() - kSuffix.size()) == kSuffix) {
    number = file.substr(kPrefix.size(), file.size() - kPrefix.size() - kSuffix.size());
  }
  auto parsed = core::ParseInt64(number);
  if (!parsed || *parsed < 0 || std::to_string(*parsed) != number) {
    return ErrorPageFor(ctx, core::Error::NotFound("no such sitemap"));
  }
  int64_t group = *parsed;
  return ServePublic(ctx, "sitemaps/" + std::string(file), type,
                     [&ctx, group](const Visitor*) { return BuildStoriesSitemap(ctx, group); });
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
