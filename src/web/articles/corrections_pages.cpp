#include "web/articles/corrections_pages.hpp"

#include "core/text.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/articles/article_pages.hpp"
#include "web/kit/cached_page.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/layout.hpp"

namespace dateline::web {
namespace {

constexpr int kPageSize = 30;
constexpr int kFeedItems = 50;

using core::EscapeMarkup;

core::Result<BuiltPage> BuildCorrectionsPage(const ArticlesContext& ctx, const std::string& after,
                                             const Visitor* visitor) {
  auto page = ctx.articles.RecentCorrections(after, kPageSize);
  if (!page.ok()) return page.error();
  render::View view;
  for (const auto& [correction, story] : page->items) {
    render::View item = CorrectionView(correction);
    item["headline"] = story.headline;
    item["url"] = "/articles/" + story.slug;
    view["items"].Push(std::move(item));
  }
  view["empty"] = page->items.empty();
  if (!page->next.empty()) view["next_url"] = "/corrections?after=" + page->next;
  if (!after.empty()) view["first_url"] = "/corrections";
  PageMeta meta;
  meta.title = "Corrections";
  meta.description = "Corrections and clarifications to stories in " + ctx.config.site_title + ".";
  meta.canonical_path = "/corrections";
  meta.visitor = visitor;
  meta.head_extra_html = "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"" +
                         EscapeMarkup(ctx.config.site_title) +
                         ": corrections\" href=\"/corrections.xml\">\n";
  auto html = RenderPage(ctx, meta, "pages/corrections", view);
  if (!html.ok()) return html.error();
  return BuiltPage{std::move(html.value()), std::nullopt};
}

core::Result<BuiltPage> BuildCorrectionsFeed(const ArticlesContext& ctx) {
  auto page = ctx.articles.RecentCorrections("", kFeedItems);
  if (!page.ok()) return page.error();
  const std::string site = ctx.config.SiteUrl();
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n";
  xml += "<title>" + EscapeMarkup(ctx.config.site_title) + ": corrections</title>\n<link>" +
         EscapeMarkup(site) + "/corrections</link>\n<description>Corrections and clarifications " +
         "to stories in " + EscapeMarkup(ctx.config.site_title) +
         ".</description>\n<language>en</language>\n";
  xml += "<atom:link href=\"" + EscapeMarkup(site) +
         "/corrections.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  for (const auto& [c, story] : page->items) {
    std::string url = site + "/articles/" + story.slug;
    std::string label =
        c.kind == articles::CorrectionKind::kCorrection ? "Correction" : "Clarification";
    xml += "<item>\n<title>" + EscapeMarkup(label + ": " + story.headline) + "</title>\n<link>" +
           EscapeMarkup(url) + "</link>\n<guid isPermaLink=\"false\">" + EscapeMarkup(site) +
           "/corrections#" + std::to_string(c.id) + "</guid>\n<pubDate>" +
           core::FormatHttpDate(c.created_at) + "</pubDate>\n<description>" + EscapeMarkup(c.body) +
           "</description>\n</item>\n";
  }
  xml += "</channel>\n</rss>\n";
  return BuiltPage{std::move(xml), std::nullopt};
}

}  // namespace

http::Response CorrectionsPage(const ArticlesContext& ctx, const http::Request& request) {
  auto query = http::Form::Parse(request.query);
  std::string after = query.ok() ? query->Value("after") : "";
  if (!query.ok() || after.size() > 64) return ErrorPage(ctx, 400);
  return ServeCached(ctx, request, "corrections:" + after,
                     [&](const Visitor* v) { return BuildCorrectionsPage(ctx, after, v); });
}

http::Response CorrectionsFeed(const ArticlesContext& ctx, const http::Request&) {
  return ServePublic(ctx, "corrections.xml", "application/rss+xml; charset=utf-8",
                     [&](const Visitor*) { return BuildCorrectionsFeed(ctx); });
}

}  // namespace dateline::web
