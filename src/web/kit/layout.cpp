#include "web/kit/layout.hpp"

#include "core/time_format.hpp"
#include "core/time_zone.hpp"
#include "web/kit/visitor.hpp"

namespace dateline::web {
namespace {

// "Wednesday, November 25, 2026", as a masthead prints it.
std::string MastheadDate(int64_t now) {
  static constexpr const char* kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  std::tm tm = core::ToSiteTime(now);
  return std::string(kDays[tm.tm_wday]) + ", " + kMonths[tm.tm_mon] + " " +
         std::to_string(tm.tm_mday) + ", " + std::to_string(tm.tm_year + 1900);
}

// The masthead's section links as HTML, kept in the page cache as a fragment: every change
// to published content (a section renamed, added, removed) clears it with the pages.
core::Result<std::string> SectionLinksHtml(const Kit& ctx) {
  int64_t now = ctx.clock.NowSeconds();
  if (auto cached = ctx.cache.GetFragment("layout", "sections", now)) return *cached;
  render::CacheVersion version = ctx.cache.VersionOf("layout");
  auto links = ctx.navigation.Links();
  if (!links.ok()) return links.error();
  render::View view;
  for (const auto& link : *links) {
    render::View item;
    item["name"] = link.name;
    item["url"] = link.url;
    view["links"].Push(std::move(item));
  }
  view["any"] = !links->empty();
  auto html = ctx.templates.Render("section_nav", view);
  if (!html.ok()) return html.error();
  return *ctx.cache.PutFragment("layout", "sections", std::move(*html), std::nullopt, version);
}

}  // namespace

core::Result<std::string> RenderPage(const Kit& ctx, const PageMeta& meta,
                                     const std::string& template_name, const render::View& view) {
  auto content = ctx.templates.Render(template_name, view);
  if (!content.ok()) return content.error();
  render::View layout;
  const std::string& site = ctx.config.site_title;
  layout["title"] = meta.title.empty() ? site : meta.title + " | " + site;
  layout["og_title"] = meta.title.empty() ? site : meta.title;
  layout["og_type"] = meta.og_type;
  layout["site_title"] = site;
  if (!meta.description.empty()) layout["description"] = meta.description;
  if (!meta.image_url.empty()) {
    render::View image;
    image["url"] = meta.image_url;
    image["width"] = std::to_string(meta.image_width);
    image["height"] = std::to_string(meta.image_height);
    image["alt"] = meta.image_alt;
    layout["image"] = std::move(image);
  }
  if (!meta.canonical_path.empty()) {
    layout["canonical"] = ctx.config.SiteUrl() + meta.canonical_path;
  }
  layout["css_url"] = ctx.static_files.Url("css/site.css");
  layout["icon_url"] = ctx.static_files.Url("favicon.svg");
  layout["head_extra"] = meta.head_extra_html;
  layout["body_class"] = meta.body_class;
  layout["today"] = MastheadDate(ctx.clock.NowSeconds());
  layout["content"] = std::move(content.value());
  auto sections = SectionLinksHtml(ctx);
  if (!sections.ok()) return sections.error();
  layout["section_nav"] = std::move(*sections);
  if (meta.visitor && meta.visitor->signed_in()) {
    render::View viewer;
    viewer["name"] = meta.visitor->viewer->user.display_name;
    viewer["csrf"] = meta.visitor->csrf_token;
    viewer["newsroom"] = accounts::DeskOf(meta.visitor->actor).any();
    layout["viewer"] = std::move(viewer);
  }
  return ctx.templates.Render("layout", layout);
}

}  // namespace dateline::web
