#include "web/articles/site_pages.hpp"

#include "articles/markdown.hpp"
#include "core/time_format.hpp"
#include "web/kit/cached_page.hpp"
#include "web/kit/layout.hpp"

namespace dateline::web {

http::Response SitePage(const ArticlesContext& ctx, const http::Request& request,
                        std::string_view slug) {
  std::string key = "page:" + std::string(slug);
  return ServeCached(ctx, request, key, [&](const Visitor* visitor) -> core::Result<BuiltPage> {
    auto page = ctx.site_pages.Find(slug);
    if (!page.ok()) return page.error();
    if (!*page) return core::Error::NotFound("no site page " + std::string(slug));
    render::View view;
    view["title"] = (*page)->title;
    view["body_html"] = articles::RenderMarkdown((*page)->body_markdown);
    view["updated_iso"] = core::FormatIso8601((*page)->updated_at);
    view["updated_human"] = core::FormatHumanDateTime((*page)->updated_at);
    PageMeta meta;
    meta.title = (*page)->title;
    meta.canonical_path = "/" + std::string(slug);
    meta.body_class = "page-site";
    meta.visitor = visitor;
    auto html = RenderPage(ctx, meta, "pages/site_page", view);
    if (!html.ok()) return html.error();
    return BuiltPage{std::move(html.value()), std::nullopt};
  });
}

}  // namespace dateline::web
