#include "web/api/content_api.hpp"

#include "articles/markdown.hpp"
#include "articles/paywall.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/api/api_kit.hpp"

namespace dateline::web {
namespace {

namespace json = boost::json;
using Handler = http::Response (*)(const ApiContext&, const http::Request&);

json::value SlugName(const std::string& slug, const std::string& name) {
  return json::object{{"slug", slug}, {"name", name}};
}

json::object StoryJson(const ApiContext& ctx, const articles::Article& a,
                       const articles::Placement* placed) {
  json::object o{{"slug", a.slug},
                 {"url", ctx.config.SiteUrl() + "/articles/" + a.slug},
                 {"headline", a.headline},
                 {"dek", a.dek},
                 {"dateline", a.dateline},
                 {"byline", a.byline},
                 {"access", articles::AccessName(a.access)},
                 {"published", core::FormatIso8601(a.published_at)},
                 {"updated", core::FormatIso8601(std::max(a.published_at, a.updated_at))}};
  o["section"] = placed && placed->section ? SlugName(placed->section->slug, placed->section->name)
                                           : json::value(nullptr);
  json::array authors, tags;
  if (placed) {
    for (const auto& c : placed->authors) {
      json::object author = SlugName(c.author.slug, c.author.name).as_object();
      author["credit"] = c.credit;
      authors.push_back(std::move(author));
    }
    for (const auto& t : placed->tags) tags.push_back(SlugName(t.slug, t.name));
  }
  o["authors"] = std::move(authors);
  o["tags"] = std::move(tags);
  return o;
}

// The content key, or the 401 answer.
bool Keyed(const ApiContext& ctx, const http::Request& request, http::Response& refused) {
  std::string key = PresentedKey(request, true);
  if (key.empty()) {
    refused = JsonError(401, "unauthenticated",
                        "Send a content key: Authorization: Bearer dlk_..., or ?key=.");
    return false;
  }
  auto found = ctx.api_keys.ContentKey(key);
  if (!found.ok()) {
    refused = JsonErrorFor(found.error());
    return false;
  }
  return true;
}

http::Response Stories(const ApiContext& ctx, const http::Request& request) {
  http::Response refused;
  auto paging = PagingOf(request, refused);
  if (!paging) return refused;
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) return JsonErrorFor(query.error());
  articles::Shelf shelf;
  auto narrow = [&](const char* name, auto find, std::optional<int64_t>& into) -> bool {
    std::string slug = query->Value(name);
    if (slug.empty()) return true;
    auto found = find(slug);
    if (!found.ok()) {
      refused = JsonErrorFor(found.error());
      return false;
    }
    if (!*found) {
      refused = JsonError(404, "not_found", std::string("No ") + name + " has that slug.");
      return false;
    }
    into = (*found)->id;
    return true;
  };
  if (!narrow(
          "section", [&](const std::string& s) { return ctx.structure.FindSection(s); },
          shelf.section_id) ||
      !narrow(
          "tag", [&](const std::string& s) { return ctx.structure.FindTag(s); }, shelf.tag_id) ||
      !narrow(
          "author", [&](const std::string& s) { return ctx.structure.FindAuthor(s); },
          shelf.author_id)) {
    return refused;
  }
  std::string since = query->Value("updated_since");
  if (!since.empty()) {
    auto at = core::ParseIso8601(since);
    if (!at) {
      return JsonError(400, "invalid_query",
                       "updated_since is a time like 2026-11-30T08:00:00Z (ISO 8601).");
    }
    shelf.changed_since = *at;
  }
  auto page = ctx.articles.ListShelfPage(shelf, paging->after, paging->limit);
  if (!page.ok()) return JsonErrorFor(page.error());
  std::vector<int64_t> ids;
  for (const auto& a : page->items) ids.push_back(a.id);
  auto placements = ctx.structure.PlacementsOf(ids);
  if (!placements.ok()) return JsonErrorFor(placements.error());
  json::array items;
  for (const auto& a : page->items) {
    auto placed = placements->find(a.id);
    items.push_back(StoryJson(ctx, a, placed == placements->end() ? nullptr : &placed->second));
  }
  return JsonAnswer(200,
                    json::object{{"stories", std::move(items)},
                                 {"total", page->total},
                                 {"next", NextUrl(ctx.config.SiteUrl(), request, page->next)}});
}

http::Response Story(const ApiContext& ctx, const http::Request& request) {
  auto found = ctx.articles.FindPublished(request.PathParam("slug"));
  if (!found.ok()) return JsonErrorFor(found.error());
  if (!*found) return JsonError(404, "not_found", "No published story has that slug.");
  const articles::Article& a = **found;
  auto placements = ctx.structure.PlacementsOf({a.id});
  if (!placements.ok()) return JsonErrorFor(placements.error());
  json::object o = StoryJson(ctx, a, &(*placements)[a.id]);
  // Never more than a reader without access gets, whatever the key.
  o["full_text"] = a.access == articles::Access::kFree;
  o["body_html"] =
      articles::RenderMarkdown(articles::PublicMarkdown(a, ctx.config.paywall_free_paragraphs));
  return JsonAnswer(200, o);
}

http::Response Authors(const ApiContext& ctx, const http::Request& request) {
  http::Response refused;
  auto paging = PagingOf(request, refused);
  if (!paging) return refused;
  auto page = ctx.structure.Authors(paging->after, paging->limit);
  if (!page.ok()) return JsonErrorFor(page.error());
  json::array items;
  for (const auto& a : page->items) {
    items.push_back(json::object{{"slug", a.slug},
                                 {"name", a.name},
                                 {"title", a.role_title},
                                 {"bio", a.bio},
                                 {"url", ctx.config.SiteUrl() + "/author/" + a.slug}});
  }
  return JsonAnswer(200,
                    json::object{{"authors", std::move(items)},
                                 {"total", page->total},
                                 {"next", NextUrl(ctx.config.SiteUrl(), request, page->next)}});
}

http::Response Tags(const ApiContext& ctx, const http::Request& request) {
  http::Response refused;
  auto paging = PagingOf(request, refused);
  if (!paging) return refused;
  auto page = ctx.structure.Tags(paging->after, paging->limit);
  if (!page.ok()) return JsonErrorFor(page.error());
  json::array items;
  for (const auto& t : page->items) {
    items.push_back(json::object{
        {"slug", t.slug}, {"name", t.name}, {"url", ctx.config.SiteUrl() + "/tag/" + t.slug}});
  }
  return JsonAnswer(200,
                    json::object{{"tags", std::move(items)},
                                 {"total", page->total},
                                 {"next", NextUrl(ctx.config.SiteUrl(), request, page->next)}});
}

// Sections are few (the navigation's): one answer holds them all.
http::Response Sections(const ApiContext& ctx, const http::Request&) {
  auto sections = ctx.structure.Sections();
  if (!sections.ok()) return JsonErrorFor(sections.error());
  json::array items;
  for (const auto& s : *sections) {
    items.push_back(json::object{{"slug", s.slug},
                                 {"name", s.name},
                                 {"description", s.description},
                                 {"opinion", s.opinion},
                                 {"url", ctx.config.SiteUrl() + "/section/" + s.slug}});
  }
  return JsonAnswer(200, json::object{{"sections", std::move(items)}});
}

http::Response Pages(const ApiContext& ctx, const http::Request&) {
  json::array items;
  for (const auto& page : pages::kKnownPages) {
    items.push_back(json::object{{"slug", page.slug},
                                 {"title", page.title},
                                 {"url", ctx.config.SiteUrl() + "/" + page.slug}});
  }
  return JsonAnswer(200, json::object{{"pages", std::move(items)}});
}

http::Response OnePage(const ApiContext& ctx, const http::Request& request) {
  const pages::KnownPage* known = pages::FindKnownPage(request.PathParam("slug"));
  if (!known) return JsonError(404, "not_found", "No page has that slug.");
  auto page = ctx.site_pages.Find(known->slug);
  if (!page.ok()) return JsonErrorFor(page.error());
  std::string markdown = *page ? (*page)->body_markdown : "";
  return JsonAnswer(200, json::object{{"slug", known->slug},
                                      {"title", *page ? (*page)->title : known->title},
                                      {"url", ctx.config.SiteUrl() + "/" + known->slug},
                                      {"body_html", articles::RenderMarkdown(markdown)}});
}

http::Handler Guarded(const ApiContext& ctx, Handler handler) {
  return [&ctx, handler](const http::Request& request) {
    http::Response refused;
    if (!Keyed(ctx, request, refused)) return refused;
    return handler(ctx, request);
  };
}

}  // namespace

void RegisterContentApi(http::Router& router, const ApiContext& ctx) {
  using http::Method;
  router.Add(Method::kGet, "/api/content/stories", Guarded(ctx, Stories));
  router.Add(Method::kGet, "/api/content/stories/{slug}", Guarded(ctx, Story));
  router.Add(Method::kGet, "/api/content/authors", Guarded(ctx, Authors));
  router.Add(Method::kGet, "/api/content/sections", Guarded(ctx, Sections));
  router.Add(Method::kGet, "/api/content/tags", Guarded(ctx, Tags));
  router.Add(Method::kGet, "/api/content/pages", Guarded(ctx, Pages));
  router.Add(Method::kGet, "/api/content/pages/{slug}", Guarded(ctx, OnePage));
}

}  // namespace dateline::web
