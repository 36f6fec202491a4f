#include "web/articles/api.hpp"

#include <boost/json.hpp>

#include "articles/markdown.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/articles/article_access.hpp"
#include "web/kit/cached_page.hpp"
#include "web/kit/error_pages.hpp"

namespace dateline::web {
namespace {

namespace json = boost::json;

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr int kListSize = 50;

json::object Summary(const ArticlesContext& ctx, const articles::Article& a) {
  return {{"slug", a.slug},
          {"url", ctx.config.SiteUrl() + "/articles/" + a.slug},
          {"headline", a.headline},
          {"dek", a.dek},
          {"dateline", a.dateline},
          {"byline", a.byline},
          {"published", core::FormatIso8601(a.published_at)},
          {"updated", core::FormatIso8601(std::max(a.published_at, a.updated_at))},
          {"access", articles::AccessName(a.access)}};
}

// JSON errors for a JSON client: {"error": "..."} with the status.
http::Response JsonError(int status, const std::string& message) {
  http::Response r =
      http::Response::Text(status, json::serialize(json::object{{"error", message}}));
  r.content_type = kJson;
  return r;
}

}  // namespace

http::Response ApiArticleList(const ArticlesContext& ctx, const http::Request& request) {
  auto query = http::Form::Parse(request.query);
  std::string cursor = query.ok() ? query->Value("after") : "";
  if (!query.ok() || cursor.size() > 64) return JsonError(400, "That page cursor is not valid.");
  auto build = [&](const Visitor*) -> core::Result<BuiltPage> {
    auto page = ctx.articles.ListPublishedPage(cursor, kListSize);
    if (!page.ok()) return page.error();
    auto next = ctx.articles.NextScheduledPublication();
    if (!next.ok()) return next.error();
    json::array items;
    for (const auto& a : page->items) items.push_back(Summary(ctx, a));
    json::object body{{"articles", std::move(items)}, {"total", page->total}};
    // Every page links the next one until the last: no list silently stops.
    body["next"] = page->next.empty()
                       ? json::value(nullptr)
                       : json::value(ctx.config.SiteUrl() +
                                     "/api/articles?after=" + http::PercentEncode(page->next));
    return BuiltPage{json::serialize(body), *next};
  };
  // The first page is shared and cached; later pages are built as asked (cursors are
  // the reader's input, and must not fill the cache).
  if (cursor.empty()) return ServePublic(ctx, "api:articles", kJson, build);
  auto built = build(nullptr);
  if (!built.ok()) {
    int status = HttpStatusFor(built.error().code);
    return JsonError(status, status < 500 ? "That page cursor is not valid."
                                          : "The store is unavailable; try again shortly.");
  }
  http::Response r = http::Response::Text(200, std::move(built->html));
  r.content_type = kJson;
  return r;
}

http::Response ApiArticle(const ArticlesContext& ctx, const http::Request& request) {
  std::string slug(request.PathParam("slug"));
  auto found = ctx.articles.FindPublished(slug);
  if (!found.ok()) {
    return JsonError(HttpStatusFor(found.error().code),
                     "The store is unavailable; try again shortly.");
  }
  if (!*found) return JsonError(404, "No published article has that slug.");
  articles::Article a = std::move(**found);
  return ServeCached(
      ctx, request, "api:article:" + slug,
      [&](const Visitor* visitor) -> core::Result<BuiltPage> {
        auto access = ArticleAccessFor(ctx, a, visitor, MeterUse::kPeek);
        if (!access.ok()) return access.error();
        json::object o = Summary(ctx, a);
        o["full_text"] = access->full;
        o["body_html"] = articles::RenderMarkdown(access->markdown);
        return BuiltPage{json::serialize(o), std::nullopt};
      },
      kJson);
}

}  // namespace dateline::web
