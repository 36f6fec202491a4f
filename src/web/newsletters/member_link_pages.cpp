#include "web/newsletters/member_link_pages.hpp"

#include "core/text.hpp"
#include "http/form.hpp"
#include "newsletters/member_keys.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"
#include "web/kit/visitor.hpp"
#include "web/newsletters/signup_pages.hpp"

namespace dateline::web {
namespace {

struct LinkKey {
  int64_t member_id = 0;
  std::string key;
};

LinkKey KeyOf(const http::Request& request) {
  LinkKey k;
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) return k;
  k.member_id = core::ParseId(query->Value("m"));
  k.key = query->Value("k");
  return k;
}

http::Response NoPrivateCaching(http::Response r) {
  // The address carries a key: not for shared caches, and not passed on as a Referer.
  r.SetHeader("Referrer-Policy", "no-referrer");
  return r;
}

http::Response BadLink(const NewslettersContext& ctx, const Visitor& v) {
  return NoPrivateCaching(NoticePage(
      ctx, v, "This link does not work",
      {"The link is incomplete or was changed. Use the one in your newsletter, or choose your "
       "newsletters on your account page."},
      "/newsletters", "Newsletters", 404));
}

const newsletters::Newsletter* NewsletterOf(const std::vector<newsletters::Newsletter>& all,
                                            int64_t id) {
  for (const auto& n : all) {
    if (n.id == id) return &n;
  }
  return nullptr;
}

http::Response RenderPreferences(const NewslettersContext& ctx, const Visitor& v,
                                 const LinkKey& link, const std::string& error, bool saved) {
  auto member = ctx.memberships.MemberByKey(link.member_id, link.key);
  if (!member.ok()) {
    if (member.error().code == core::ErrorCode::kNotFound) return BadLink(ctx, v);
    return ErrorPageFor(ctx, member.error());
  }
  auto choices = ctx.memberships.ChoicesByKey(link.member_id, link.key);
  if (!choices.ok()) return ErrorPageFor(ctx, choices.error());
  render::View::List list;
  for (const auto& c : *choices) {
    render::View item;
    item["slug"] = c.newsletter.slug;
    item["name"] = c.newsletter.name;
    item["description"] = c.newsletter.description;
    item["paid"] = c.newsletter.paid;
    item["checked"] = c.joined || c.pending;
    item["allowed"] = c.allowed || c.joined;
    list.push_back(std::move(item));
  }
  render::View view;
  view["email"] = member->email;
  view["newsletters"] = std::move(list);
  view["action"] = newsletters::PreferencesPath(ctx.secret, link.member_id);
  if (!error.empty()) view["error"] = error;
  if (saved) view["saved"] = true;
  PageMeta meta;
  meta.title = "Your newsletters";
  return NoPrivateCaching(
      VisitorPage(ctx, v, meta, "pages/newsletter_preferences", std::move(view)));
}

}  // namespace

http::Response UnsubscribeNewsletterPage(const NewslettersContext& ctx,
                                         const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  LinkKey link = KeyOf(request);
  auto member = ctx.memberships.MemberByKey(link.member_id, link.key);
  if (!member.ok()) {
    if (member.error().code == core::ErrorCode::kNotFound) return BadLink(ctx, *visitor);
    return ErrorPageFor(ctx, member.error());
  }
  auto all = ctx.newsletters.List();
  if (!all.ok()) return ErrorPageFor(ctx, all.error());
  const auto* n = NewsletterOf(*all, member->newsletter_id);
  if (!n) return BadLink(ctx, *visitor);
  render::View view;
  view["name"] = n->name;
  view["email"] = member->email;
  view["action"] = newsletters::UnsubscribePath(ctx.secret, link.member_id);
  view["preferences"] = newsletters::PreferencesPath(ctx.secret, link.member_id);
  PageMeta meta;
  meta.title = "Unsubscribe from " + n->name;
  return NoPrivateCaching(
      VisitorPage(ctx, *visitor, meta, "pages/newsletter_unsubscribe", std::move(view)));
}

http::Response UnsubscribeNewsletterSubmit(const NewslettersContext& ctx,
                                           const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  LinkKey link = KeyOf(request);
  // Whatever the body (RFC 8058 sends "List-Unsubscribe=One-Click"), the keyed link
  // decides; leaving twice is still left.
  auto member = ctx.memberships.Unsubscribe(link.member_id, link.key);
  if (!member.ok()) {
    if (member.error().code == core::ErrorCode::kNotFound) return BadLink(ctx, *visitor);
    return ErrorPageFor(ctx, member.error());
  }
  auto all = ctx.newsletters.List();
  std::string name = "this newsletter";
  if (all.ok()) {
    if (const auto* n = NewsletterOf(*all, member->newsletter_id)) name = n->name;
  }
  return NoPrivateCaching(NoticePage(
      ctx, *visitor, "You are unsubscribed",
      {"We will send no more issues of " + name + " to " + member->email + ".",
       "Changed your mind, or want other newsletters? Choose them below."},
      newsletters::PreferencesPath(ctx.secret, link.member_id), "Choose your newsletters"));
}

http::Response NewsletterPreferencesPage(const NewslettersContext& ctx,
                                         const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  return RenderPreferences(ctx, *visitor, KeyOf(request), "", false);
}

http::Response NewsletterPreferencesSubmit(const NewslettersContext& ctx,
                                           const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  LinkKey link = KeyOf(request);
  auto form = http::Form::Parse(request.body);
  if (!form.ok())
    return RenderPreferences(ctx, *visitor, link, "The form could not be read.", false);
  auto saved = ctx.memberships.ChooseByKey(link.member_id, link.key, ChosenSlugs(*form));
  if (!saved.ok()) {
    if (saved.error().code == core::ErrorCode::kNotFound) return BadLink(ctx, *visitor);
    auto shown = FormErrorFor(saved.error());
    if (!shown) return ErrorPageFor(ctx, saved.error());
    return RenderPreferences(ctx, *visitor, link, shown->message, false);
  }
  return RenderPreferences(ctx, *visitor, link, "", true);
}

}  // namespace dateline::web
