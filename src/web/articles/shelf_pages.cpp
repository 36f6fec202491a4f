#include "web/articles/shelf_pages.hpp"

#include <fmt/format.h>

#include <ctime>

#include "core/text.hpp"
#include "http/form.hpp"
#include "web/articles/feeds.hpp"
#include "web/articles/story_cards.hpp"
#include "web/articles/story_images.hpp"
#include "web/kit/cached_page.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/layout.hpp"

namespace dateline::web {
namespace {

constexpr int kShelfPageSize = 20;
constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

// What one list shows, and how its page introduces it.
struct ShelfSpec {
  std::string path;  // "/section/world"
  std::string kind;  // "Section", "Topic", "Author", "Archive"
  std::string title;
  std::string description;
  std::string role_title;
  std::string feed_path;
  std::string photo_html;     // an author's photograph
  std::string search_author;  // an author's slug: a search box for their stories
  bool opinion = false;
  articles::Shelf shelf;
};

core::Error NotFoundHere() { return core::Error::NotFound("no such shelf"); }

core::Result<BuiltPage> BuildShelfPage(const ArticlesContext& ctx, const Visitor* visitor,
                                       const ShelfSpec& spec, const std::string& after) {
  auto page = ctx.articles.ListShelfPage(spec.shelf, after, kShelfPageSize);
  if (!page.ok()) return page.error();
  auto next = ctx.articles.NextScheduledPublication();
  if (!next.ok()) return next.error();
  auto cards = StoryCards(ctx, page->items);
  if (!cards.ok()) return cards.error();
  render::View view;
  view["kind"] = spec.kind;
  view["title"] = spec.title;
  if (!spec.description.empty()) view["description"] = spec.description;
  if (!spec.role_title.empty()) view["role_title"] = spec.role_title;
  if (!spec.feed_path.empty()) view["feed_path"] = spec.feed_path;
  if (!spec.photo_html.empty()) view["photo_html"] = spec.photo_html;
  if (!spec.search_author.empty()) view["search_author"] = spec.search_author;
  view["opinion"] = spec.opinion;
  view["has_cards"] = !cards->empty();
  view["count"] = page->total == 1 ? "1 story" : std::to_string(page->total) + " stories";
  for (auto& card : *cards) view["cards"].Push(std::move(card));
  if (cards->empty()) view["empty"] = after.empty() ? "No stories here yet." : "No older stories.";
  if (!page->next.empty())
    view["older_url"] = spec.path + "?after=" + http::PercentEncode(page->next);
  if (!after.empty()) view["newest_url"] = spec.path;
  PageMeta meta;
  meta.title = after.empty() ? spec.title : spec.title + ": older stories";
  meta.description = spec.description.empty() ? spec.kind + ": " + spec.title : spec.description;
  meta.canonical_path =
      after.empty() ? spec.path : spec.path + "?after=" + http::PercentEncode(after);
  meta.body_class = "page-shelf";
  meta.visitor = visitor;
  if (!spec.feed_path.empty()) {
    meta.head_extra_html = "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"" +
                           core::EscapeMarkup(spec.title) + "\" href=\"" +
                           core::EscapeMarkup(spec.feed_path) + "\">\n";
  }
  auto html = RenderPage(ctx, meta, "pages/shelf", view);
  if (!html.ok()) return html.error();
  return BuiltPage{std::move(*html), *next};
}

// The page's `after` cursor, or nullopt for a query that is not one of ours.
std::optional<std::string> AfterOf(const http::Request& request) {
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) return std::nullopt;
  std::string after = query->Value("after");
  if (after.size() > 64) return std::nullopt;
  return after;
}

// What a section, tag or author slug finds, as a shelf.
using SpecFinder = std::function<core::Result<std::optional<ShelfSpec>>(std::string_view slug)>;

http::Response ServeShelf(const ArticlesContext& ctx, const http::Request& request,
                          const std::string& kind, const SpecFinder& find) {
  auto after = AfterOf(request);
  if (!after) return ErrorPage(ctx, 400);
  std::string slug(request.PathParam("slug"));
  return ServeCached(ctx, request, kind + ":" + slug + ":" + *after,
                     [&](const Visitor* v) -> core::Result<BuiltPage> {
                       auto spec = find(slug);
                       if (!spec.ok()) return spec.error();
                       if (!*spec) return NotFoundHere();
                       return BuildShelfPage(ctx, v, **spec, *after);
                     });
}

http::Response ServeShelfFeed(const ArticlesContext& ctx, const http::Request& request,
                              const std::string& kind, const SpecFinder& find) {
  std::string slug(request.PathParam("slug"));
  if (!core::IsValidSlug(slug)) return ErrorPage(ctx, 404);
  return ServePublic(ctx, "feed:" + kind + ":" + slug, "application/rss+xml; charset=utf-8",
                     [&](const Visitor*) -> core::Result<BuiltPage> {
                       auto spec = find(slug);
                       if (!spec.ok()) return spec.error();
                       if (!*spec) return NotFoundHere();
                       return BuildShelfFeed(
                           ctx,
                           {(*spec)->title + " | " + ctx.config.site_title,
                            (*spec)->description.empty() ? (*spec)->title : (*spec)->description,
                            (*spec)->path, (*spec)->feed_path, (*spec)->shelf});
                     });
}

core::Result<std::optional<ShelfSpec>> SectionSpec(const ArticlesContext& ctx,
                                                   std::string_view slug) {
  auto found = ctx.structure.FindSection(slug);
  if (!found.ok()) return found.error();
  if (!*found) return std::optional<ShelfSpec>();
  const auto& s = **found;
  ShelfSpec spec;
  spec.path = "/section/" + s.slug;
  spec.kind = s.opinion ? "Opinion" : "Section";
  spec.title = s.name;
  spec.description = s.description;
  spec.feed_path = spec.path + "/feed.xml";
  spec.opinion = s.opinion;
  spec.shelf.section_id = s.id;
  return std::optional<ShelfSpec>(std::move(spec));
}

core::Result<std::optional<ShelfSpec>> TagSpec(const ArticlesContext& ctx, std::string_view slug) {
  auto found = ctx.structure.FindTag(slug);
  if (!found.ok()) return found.error();
  if (!*found) return std::optional<ShelfSpec>();
  ShelfSpec spec;
  spec.path = "/tag/" + (*found)->slug;
  spec.kind = "Topic";
  spec.title = (*found)->name;
  spec.feed_path = spec.path + "/feed.xml";
  spec.shelf.tag_id = (*found)->id;
  return std::optional<ShelfSpec>(std::move(spec));
}

core::Result<std::optional<ShelfSpec>> AuthorSpec(const ArticlesContext& ctx,
                                                  std::string_view slug) {
  auto found = ctx.structure.FindAuthor(slug);
  if (!found.ok()) return found.error();
  if (!*found) return std::optional<ShelfSpec>();
  ShelfSpec spec;
  spec.path = "/author/" + (*found)->slug;
  spec.kind = "Author";
  spec.title = (*found)->name;
  spec.description = (*found)->bio;
  spec.role_title = (*found)->role_title;
  spec.feed_path = spec.path + "/feed.xml";
  spec.shelf.author_id = (*found)->id;
  spec.search_author = (*found)->slug;
  if (!(*found)->photo.empty()) {
    auto photo = ctx.media.FindByKey((*found)->photo);
    if (!photo.ok()) return photo.error();
    if (*photo) {
      auto html = PictureHtml(ctx, **photo, "8rem", true, (*found)->name);
      if (!html.ok()) return html.error();
      spec.photo_html = std::move(*html);
    }
  }
  return std::optional<ShelfSpec>(std::move(spec));
}

// The first second of a month (UTC), with months past December rolling into next year.
int64_t MonthStart(int year, int month) {
  std::tm tm{};
  tm.tm_year = year - 1900 + (month - 1) / 12;
  tm.tm_mon = (month - 1) % 12;
  tm.tm_mday = 1;
  return static_cast<int64_t>(timegm(&tm));
}

}  // namespace

http::Response SectionPage(const ArticlesContext& ctx, const http::Request& request) {
  return ServeShelf(ctx, request, "section",
                    [&](std::string_view slug) { return SectionSpec(ctx, slug); });
}

http::Response SectionFeed(const ArticlesContext& ctx, const http::Request& request) {
  return ServeShelfFeed(ctx, request, "section",
                        [&](std::string_view slug) { return SectionSpec(ctx, slug); });
}

http::Response TagPage(const ArticlesContext& ctx, const http::Request& request) {
  return ServeShelf(ctx, request, "tag", [&](std::string_view slug) { return TagSpec(ctx, slug); });
}

http::Response TagFeed(const ArticlesContext& ctx, const http::Request& request) {
  return ServeShelfFeed(ctx, request, "tag",
                        [&](std::string_view slug) { return TagSpec(ctx, slug); });
}

http::Response AuthorPage(const ArticlesContext& ctx, const http::Request& request) {
  return ServeShelf(ctx, request, "author",
                    [&](std::string_view slug) { return AuthorSpec(ctx, slug); });
}

http::Response AuthorFeed(const ArticlesContext& ctx, const http::Request& request) {
  return ServeShelfFeed(ctx, request, "author",
                        [&](std::string_view slug) { return AuthorSpec(ctx, slug); });
}

http::Response ArchivePage(const ArticlesContext& ctx, const http::Request& request) {
  return ServeCached(ctx, request, "archive", [&](const Visitor* v) -> core::Result<BuiltPage> {
    auto months = ctx.articles.ArchiveMonths();
    if (!months.ok()) return months.error();
    auto next = ctx.articles.NextScheduledPublication();
    if (!next.ok()) return next.error();
    render::View view;
    view["kind"] = "Archive";
    view["title"] = "Every story, by month";
    render::View year_view;
    std::string year;
    for (const auto& [month, count] : *months) {
      if (month.size() != 7) continue;
      if (month.substr(0, 4) != year) {
        if (!year.empty()) view["months"].Push(std::move(year_view));
        year = month.substr(0, 4);
        year_view = render::View();
        year_view["year"] = year;
      }
      int m = static_cast<int>(core::ParseInt64(month.substr(5, 2)).value_or(1));
      render::View item;
      item["name"] = kMonthNames[std::clamp(m, 1, 12) - 1];
      item["url"] = "/archive/" + month.substr(0, 4) + "/" + month.substr(5, 2);
      item["count"] = count == 1 ? "1 story" : std::to_string(count) + " stories";
      year_view["list"].Push(std::move(item));
    }
    if (!year.empty()) view["months"].Push(std::move(year_view));
    if (months->empty()) view["empty"] = "Nothing has been published yet.";
    PageMeta meta;
    meta.title = "Archive";
    meta.description = "Every story " + ctx.config.site_title + " has published, by month.";
    meta.canonical_path = "/archive";
    meta.body_class = "page-shelf";
    meta.visitor = v;
    auto html = RenderPage(ctx, meta, "pages/shelf", view);
    if (!html.ok()) return html.error();
    return BuiltPage{std::move(*html), *next};
  });
}

http::Response ArchiveMonthPage(const ArticlesContext& ctx, const http::Request& request) {
  auto year = core::ParseInt64(request.PathParam("year"));
  auto month = core::ParseInt64(request.PathParam("month"));
  std::string_view month_text = request.PathParam("month");
  if (!year || !month || *year < 1970 || *year > 9999 || *month < 1 || *month > 12 ||
      month_text.size() != 2) {
    return ErrorPage(ctx, 404);
  }
  auto after = AfterOf(request);
  if (!after) return ErrorPage(ctx, 400);
  ShelfSpec spec;
  spec.path = fmt::format("/archive/{:04}/{:02}", *year, *month);
  spec.kind = "Archive";
  spec.title = fmt::format("{} {}", kMonthNames[*month - 1], *year);
  spec.description = "Stories published in " + spec.title + ".";
  spec.shelf.from = MonthStart(static_cast<int>(*year), static_cast<int>(*month));
  spec.shelf.until = MonthStart(static_cast<int>(*year), static_cast<int>(*month) + 1);
  return ServeCached(ctx, request, "archive:" + spec.path + ":" + *after,
                     [&](const Visitor* v) { return BuildShelfPage(ctx, v, spec, *after); });
}

}  // namespace dateline::web
