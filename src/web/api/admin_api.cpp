#include "web/api/admin_api.hpp"

#include "core/text.hpp"
#include "core/time_format.hpp"
#include "http/client_address.hpp"
#include "http/form.hpp"
#include "web/api/api_kit.hpp"
#include "web/api/story_fields.hpp"

namespace dateline::web {
namespace {

namespace json = boost::json;
using Handler = http::Response (*)(const ApiContext&, const http::Request&, const accounts::Actor&);

// When the story was (or, scheduled, will be) published; null before it is.
json::value Published(const articles::Article& a) {
  bool dated = a.status == articles::Status::kPublished ||
               a.status == articles::Status::kScheduled ||
               a.status == articles::Status::kUnpublished;
  return dated ? json::value(json::string(core::FormatIso8601(a.published_at)))
               : json::value(nullptr);
}

json::object StoryJson(const ApiContext& ctx, const articles::Article& a) {
  return {{"id", a.id},
          {"slug", a.slug},
          {"status", articles::StatusName(a.status)},
          {"headline", a.headline},
          {"dek", a.dek},
          {"dateline", a.dateline},
          {"byline", a.byline},
          {"access", articles::AccessName(a.access)},
          {"body_markdown", a.body_markdown},
          {"revision", a.revision_id},
          {"published", Published(a)},
          {"updated", core::FormatIso8601(a.updated_at)},
          {"url", ctx.config.SiteUrl() + "/articles/" + a.slug}};
}

int64_t IdOf(const http::Request& request) { return core::ParseId(request.PathParam("id")); }

http::Response CreateStory(const ApiContext& ctx, const http::Request& request,
                           const accounts::Actor& actor) {
  http::Response refused;
  auto body = JsonBody(request, refused);
  if (!body) return refused;
  articles::ArticleDraft d;
  articles::Filing filing;
  if (auto bad = ReadStoryFields(*body, d, filing)) return *bad;
  if (d.slug.empty()) d.slug = core::Slugify(d.headline);
  auto resolved = ctx.structure.Resolve(actor, filing);
  if (!resolved.ok()) return JsonErrorFor(resolved.error());
  d.filing = std::move(*resolved);
  auto created = ctx.articles.Write(actor, d);
  if (!created.ok()) return JsonErrorFor(created.error());
  http::Response r = JsonAnswer(201, StoryJson(ctx, *created));
  r.headers.emplace_back("Location", "/api/admin/stories/" + std::to_string(created->id));
  return r;
}

http::Response GetStory(const ApiContext& ctx, const http::Request& request,
                        const accounts::Actor& actor) {
  auto story = ctx.articles.Open(actor, IdOf(request));
  if (!story.ok()) return JsonErrorFor(story.error());
  return JsonAnswer(200, StoryJson(ctx, *story));
}

http::Response UpdateStory(const ApiContext& ctx, const http::Request& request,
                           const accounts::Actor& actor) {
  http::Response refused;
  auto body = JsonBody(request, refused);
  if (!body) return refused;
  auto story = ctx.articles.Open(actor, IdOf(request));
  if (!story.ok()) return JsonErrorFor(story.error());
  articles::ArticleDraft d = articles::TextOf(*story);
  auto placements = ctx.structure.PlacementsOf({story->id});
  if (!placements.ok()) return JsonErrorFor(placements.error());
  articles::Filing filing = articles::FilingOf((*placements)[story->id]);
  if (auto bad = ReadStoryFields(*body, d, filing)) return *bad;
  // The revision the caller edited: a save made since is a conflict (409), not lost.
  int64_t base = story->revision_id;
  if (const json::value* rev = body->if_contains("revision")) {
    if (!rev->is_int64()) return FieldRefused("revision");
    base = rev->as_int64();
  }
  auto resolved = ctx.structure.Resolve(actor, filing);
  if (!resolved.ok()) return JsonErrorFor(resolved.error());
  d.filing = std::move(*resolved);
  auto saved = ctx.articles.Save(actor, story->id, d, base);
  if (!saved.ok()) return JsonErrorFor(saved.error());
  // Readers' pages change at once on this node (others follow the content generation).
  if (saved->status == articles::Status::kPublished ||
      saved->status == articles::Status::kScheduled) {
    ctx.cache.Clear();
  }
  return JsonAnswer(200, StoryJson(ctx, *saved));
}

http::Response MoveStory(const ApiContext& ctx, const http::Request& request,
                         const accounts::Actor& actor, articles::Status to) {
  std::optional<int64_t> at;
  if (!request.body.empty()) {
    http::Response refused;
    auto body = JsonBody(request, refused);
    if (!body) return refused;
    auto when = StringField(*body, "at");
    if (!when) return FieldRefused("at");
    if (!when->empty()) {
      at = core::ParseIso8601(*when);
      if (!at) return JsonError(400, "invalid_argument", "at is a time in ISO 8601.");
    }
  }
  auto moved = ctx.articles.Move(actor, IdOf(request), to, at, "through the Admin API");
  if (!moved.ok()) return JsonErrorFor(moved.error());
  ctx.cache.Clear();  // this node at once; others through the content generation
  return JsonAnswer(200, StoryJson(ctx, *moved));
}

http::Response PublishStory(const ApiContext& ctx, const http::Request& request,
                            const accounts::Actor& actor) {
  return MoveStory(ctx, request, actor, articles::Status::kPublished);
}

http::Response UnpublishStory(const ApiContext& ctx, const http::Request& request,
                              const accounts::Actor& actor) {
  return MoveStory(ctx, request, actor, articles::Status::kUnpublished);
}

// The image is the body itself (image/jpeg, image/png, image/webp); its words come in the
// query: ?alt= (required), &caption=, &credit=.
http::Response UploadImage(const ApiContext& ctx, const http::Request& request,
                           const accounts::Actor& actor) {
  std::string type = core::AsciiLower(request.Header("content-type"));
  if (type.rfind("image/", 0) != 0) {
    return JsonError(415, "unsupported_media_type",
                     "Send the image itself as the body, with its image/... content type.");
  }
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) return JsonError(400, "invalid_query", "The query string could not be read.");
  media::ImageText text{query->Value("alt"), query->Value("caption"), query->Value("credit")};
  auto image = ctx.media.Upload(actor, request.body, text);
  if (!image.ok()) return JsonErrorFor(image.error());
  json::array widths;
  for (int w : image->widths) widths.push_back(w);
  return JsonAnswer(
      201, json::object{
               {"key", image->key},
               {"width", image->width},
               {"height", image->height},
               {"alt", image->alt},
               {"widths", std::move(widths)},
               {"markdown", "![" + image->alt + "](/media/" + image->key + ")"},
               {"url", ctx.config.SiteUrl() +
                           image->Url(std::to_string(image->widths.empty() ? image->width
                                                                           : image->widths.back()) +
                                      ".webp")}});
}

json::object MemberJson(const ApiContext& ctx, const accounts::User& u) {
  json::object o{{"id", u.id},
                 {"email", u.email},
                 {"name", u.display_name},
                 {"role", accounts::RoleName(u.role)},
                 {"confirmed", u.verified},
                 {"created", core::FormatIso8601(u.created_at)}};
  auto current = ctx.subscriptions.Current(u.id);
  if (current.ok() && *current) {
    const auto& s = **current;
    o["subscription"] =
        json::object{{"plan", s.plan.code},
                     {"provider", s.provider},
                     {"status", subscriptions::StatusName(s.status)},
                     {"current_period_end", core::FormatIso8601(s.current_period_end)}};
  } else {
    o["subscription"] = nullptr;
  }
  return o;
}

http::Response Members(const ApiContext& ctx, const http::Request& request,
                       const accounts::Actor& actor) {
  http::Response refused;
  auto paging = PagingOf(request, refused);
  if (!paging) return refused;
  auto query = http::Form::Parse(request.query);
  int64_t after = paging->after.empty() ? 0 : core::ParseId(paging->after);
  if (!paging->after.empty() && after <= 0) {
    return JsonError(400, "invalid_query", "after is a cursor from the last answer's next.");
  }
  auto page = ctx.accounts.Members(actor, query->Value("q"), after, paging->limit);
  if (!page.ok()) return JsonErrorFor(page.error());
  json::array items;
  for (const auto& u : page->users) items.push_back(MemberJson(ctx, u));
  std::string next = page->next_after ? std::to_string(page->next_after) : "";
  return JsonAnswer(200, json::object{{"members", std::move(items)},
                                      {"total", page->total},
                                      {"next", NextUrl(ctx.config.SiteUrl(), request, next)}});
}

// A complimentary subscription to {"plan": code, "until": ISO time}, replacing one given
// before.
http::Response GiveComp(const ApiContext& ctx, const http::Request& request,
                        const accounts::Actor& actor) {
  http::Response refused;
  auto body = JsonBody(request, refused);
  if (!body) return refused;
  auto plan = StringField(*body, "plan");
  auto until_text = StringField(*body, "until");
  if (!plan || !until_text) return FieldRefused(!plan ? "plan" : "until");
  auto until = core::ParseIso8601(*until_text);
  if (!until) return JsonError(400, "invalid_argument", "until is a time in ISO 8601.");
  auto granted = ctx.subscriptions.Grant(actor, IdOf(request), *plan, *until);
  if (!granted.ok()) return JsonErrorFor(granted.error());
  return JsonAnswer(
      200, json::object{{"member_id", IdOf(request)},
                        {"plan", granted->plan.code},
                        {"provider", granted->provider},
                        {"current_period_end", core::FormatIso8601(granted->current_period_end)}});
}

http::Handler WithToken(const ApiContext& ctx, Handler handler) {
  return [&ctx, handler](const http::Request& request) {
    std::string token = PresentedKey(request, false);
    if (token.empty()) {
      return JsonError(401, "unauthenticated", "Send a staff token: Authorization: Bearer dlk_...");
    }
    auto actor = ctx.api_keys.StaffActor(token, request.remote_address,
                                         http::RateLimitKey(request.remote_address));
    if (!actor.ok()) return JsonErrorFor(actor.error());
    return handler(ctx, request, *actor);
  };
}

}  // namespace

http::Response EndComp(const ApiContext& ctx, const http::Request& request,
                       const accounts::Actor& actor) {
  auto ended = ctx.subscriptions.EndComp(actor, IdOf(request));
  if (!ended.ok()) return JsonErrorFor(ended.error());
  // Whether the member still reads everything: a subscription they pay for outlives a comp.
  auto access = ctx.subscriptions.HasDigitalAccess(IdOf(request));
  if (!access.ok()) return JsonErrorFor(access.error());
  return JsonAnswer(200, json::object{{"member_id", IdOf(request)}, {"digital_access", *access}});
}

void RegisterAdminApi(http::Router& router, const ApiContext& ctx) {
  using http::Method;
  router.Add(Method::kPost, "/api/admin/stories", WithToken(ctx, CreateStory));
  router.Add(Method::kGet, "/api/admin/stories/{id}", WithToken(ctx, GetStory));
  router.Add(Method::kPatch, "/api/admin/stories/{id}", WithToken(ctx, UpdateStory));
  router.Add(Method::kPost, "/api/admin/stories/{id}/publish", WithToken(ctx, PublishStory));
  router.Add(Method::kPost, "/api/admin/stories/{id}/unpublish", WithToken(ctx, UnpublishStory));
  router.Add(Method::kPost, "/api/admin/images", WithToken(ctx, UploadImage));
  router.Add(Method::kGet, "/api/admin/members", WithToken(ctx, Members));
  router.Add(Method::kPut, "/api/admin/members/{id}/comp", WithToken(ctx, GiveComp));
  router.Add(Method::kDelete, "/api/admin/members/{id}/comp", WithToken(ctx, EndComp));
}

}  // namespace dateline::web
