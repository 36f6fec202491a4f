#include "web/api.hpp"

#include <boost/json.hpp>

#include "articles/markdown.hpp"
#include "core/time_format.hpp"
#include "web/article_access.hpp"
#include "web/cached_page.hpp"
#include "web/error_pages.hpp"

namespace dateline::web {
namespace {

namespace json = boost::json;

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr int kListSize = 50;

json::object Summary(const SiteContext& ctx, const articles::Article& a) {
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

http::Response ApiArticleList(const SiteContext& ctx, const http::Request&) {
  return ServePublic(ctx, "api:articles", kJson, [&](const Visitor*) -> core::Result<BuiltPage> {
    auto list = ctx.articles.ListPublished(kListSize);
    if (!list.ok()) return list.error();
    auto next = ctx.articles.NextScheduledPublication();
    if (!next.ok()) return next.error();
    json::array items;
    for (const auto& a : *list) items.push_back(Summary(ctx, a));
    return BuiltPage{json::serialize(json::object{{"articles", std::move(items)}}), *next};
  });
}

http::Response ApiArticle(const SiteContext& ctx, const http::Request& request) {
  std::string slug(request.PathParam("slug"));
  auto found = ctx.articles.FindPublished(slug);
  if (!found.ok()) return JsonError(503, "The store is unavailable; try again shortly.");
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
