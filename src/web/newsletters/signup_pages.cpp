#include "web/newsletters/signup_pages.hpp"

#include "core/text.hpp"
#include "core/time_format.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr int kIssuesPerPage = 30;

render::View NewsletterView(const newsletters::Newsletter& n, bool checked, bool allowed) {
  render::View item;
  item["slug"] = n.slug;
  item["name"] = n.name;
  item["description"] = n.description;
  item["paid"] = n.paid;
  item["checked"] = checked && allowed;
  item["allowed"] = allowed;
  return item;
}

// The sign-up form: for a visitor, every newsletter (ticked: the ones asked for, else the
// defaults); for a signed-in reader, their own choices, saved in one go.
http::Response RenderSignup(const NewslettersContext& ctx, const Visitor& v,
                            const std::set<std::string>& ticked, const std::string& email,
                            const std::string& error, int status, bool saved = false) {
  render::View view;
  render::View::List list;
  if (v.signed_in()) {
    auto choices = ctx.memberships.ChoicesFor(v.actor);
    if (!choices.ok()) return ErrorPageFor(ctx, choices.error());
    for (const auto& c : *choices) {
      bool on = ticked.empty() ? c.joined || c.pending : ticked.count(c.newsletter.slug) > 0;
      list.push_back(NewsletterView(c.newsletter, on, c.allowed));
    }
    view["signed_in"] = true;
    view["action"] = "/account/newsletters";
    view["email"] = v.viewer->user.email;
  } else {
    auto all = ctx.newsletters.List();
    if (!all.ok()) return ErrorPageFor(ctx, all.error());
    for (const auto& n : *all) {
      bool on = ticked.empty() ? n.default_on : ticked.count(n.slug) > 0;
      list.push_back(NewsletterView(n, on, !n.paid || v.actor.digital_access));
    }
    view["action"] = "/newsletters";
    view["email"] = email;
  }
  view["has_newsletters"] = !list.empty();
  view["newsletters"] = std::move(list);
  if (!error.empty()) view["error"] = error;
  if (saved) view["saved"] = true;
  PageMeta meta;
  meta.title = "Newsletters";
  meta.description = "The newsletters of " + ctx.config.site_title + ", and how to sign up.";
  meta.canonical_path = "/newsletters";
  return VisitorPage(ctx, v, meta, "pages/newsletters", std::move(view), status);
}

}  // namespace

std::set<std::string> ChosenSlugs(const http::Form& form) {
  std::set<std::string> out;
  for (const auto& [name, value] : form.fields()) {
    if (name == "newsletter") out.insert(value);
  }
  return out;
}

http::Response NewslettersPage(const NewslettersContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  // The box under stories asks by GET (the story page is cached, so it carries no form
  // token): the address and the newsletter come here filled in, for one press.
  std::set<std::string> ticked;
  std::string email;
  auto query = http::Form::Parse(request.query);
  if (query.ok()) {
    ticked = ChosenSlugs(*query);
    email = query->Value("email").substr(0, 254);
  }
  return RenderSignup(ctx, *visitor, ticked, email, "", 200, request.query == "saved=1");
}

http::Response NewslettersSubmit(const NewslettersContext& ctx, const http::Request& request) {
  auto read = ReadPostedForm(ctx, request, /*repair=*/true);
  if (!read.posted) return std::move(read.rejection);
  auto& visitor = read.posted->visitor;
  auto& form = read.posted->form;
  auto slugs = ChosenSlugs(form);
  std::string email = form.Value("email");
  if (read.posted->repaired) {
    return RenderSignup(ctx, visitor, slugs, email,
                        "Some characters were not valid text; check and send again.", 400);
  }
  auto joined = ctx.memberships.SignUp(visitor.actor, email,
                                       std::vector<std::string>(slugs.begin(), slugs.end()),
                                       ClientOf(request));
  if (!joined.ok()) {
    auto shown = FormErrorFor(joined.error());
    if (!shown) return ErrorPageFor(ctx, joined.error());
    return RenderSignup(ctx, visitor, slugs, email, shown->message, shown->status);
  }
  if (*joined) {
    return NoticePage(ctx, visitor, "You are signed up",
                      {"The next issue comes to your inbox. Every email has a link to "
                       "unsubscribe."},
                      "/", "Go to the front page");
  }
  // The same answer whether the address was new, pending or already on the list.
  return NoticePage(ctx, visitor, "Check your email",
                    {"We sent a link to " + email +
                         " (if it can take newsletters). Open it and press the button to "
                         "confirm; nothing is sent until you do.",
                     "The link works for 7 days."},
                    "/", "Go to the front page");
}

http::Response ConfirmNewslettersPage(const NewslettersContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  std::string token;
  auto query = http::Form::Parse(request.query);
  if (query.ok()) token = query->Value("token");
  // A link opened by a mail scanner changes nothing: confirming takes the button.
  auto pending = ctx.memberships.PendingFor(token);
  if (!pending.ok()) return ErrorPageFor(ctx, pending.error());
  if (pending->empty()) {
    return NoticePage(ctx, *visitor, "This link is not valid any more",
                      {"It was used already, or is more than 7 days old. Sign up again to get "
                       "a new one."},
                      "/newsletters", "Newsletters", 404);
  }
  render::View view;
  render::View::List names;
  for (const auto& n : *pending) {
    render::View item;
    item["name"] = n.name;
    names.push_back(std::move(item));
  }
  view["names"] = std::move(names);
  view["token"] = token;
  PageMeta meta;
  meta.title = "Confirm your newsletters";
  http::Response r = VisitorPage(ctx, *visitor, meta, "pages/newsletter_confirm", std::move(view));
  r.SetHeader("Referrer-Policy", "no-referrer");  // the token stays on this page
  return r;
}

http::Response ConfirmNewslettersSubmit(const NewslettersContext& ctx,
                                        const http::Request& request) {
  auto read = ReadPostedForm(ctx, request);
  if (!read.posted) return std::move(read.rejection);
  auto& visitor = read.posted->visitor;
  auto confirmed = ctx.memberships.Confirm(read.posted->form.Value("token"));
  if (!confirmed.ok()) {
    if (confirmed.error().code == core::ErrorCode::kNotFound) {
      return NoticePage(ctx, visitor, "This link is not valid any more", {confirmed.error().reader},
                        "/newsletters", "Newsletters", 404);
    }
    return ErrorPageFor(ctx, confirmed.error());
  }
  return NoticePage(ctx, visitor, "You are signed up",
                    {"Thank you. The next issue comes to your inbox; every email has a link to "
                     "unsubscribe."},
                    "/", "Go to the front page");
}

http::Response NewsletterArchivePage(const NewslettersContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  auto newsletter = ctx.newsletters.Find(request.PathParam("slug"));
  if (!newsletter.ok()) return ErrorPageFor(ctx, newsletter.error());
  if (!*newsletter) return ErrorPage(ctx, 404);
  int64_t before = 0;
  auto query = http::Form::Parse(request.query);
  if (query.ok()) before = core::ParseId(query->Value("before"));
  auto issues = ctx.deliveries.Issues((*newsletter)->id, before, kIssuesPerPage + 1, true);
  if (!issues.ok()) return ErrorPageFor(ctx, issues.error());
  bool more = issues->size() > static_cast<size_t>(kIssuesPerPage);
  if (more) issues->pop_back();
  std::vector<int64_t> ids;
  for (const auto& i : *issues) ids.push_back(i.article_id);
  auto stories = ctx.articles.LiveInOrder(ids);
  if (!stories.ok()) return ErrorPageFor(ctx, stories.error());
  render::View::List list;
  for (const auto& issue : *issues) {
    for (const auto& story : *stories) {
      if (story.id != issue.article_id) continue;
      render::View item;
      item["subject"] = issue.subject;
      item["url"] = "/articles/" + story.slug;
      int64_t when = issue.queued_at.value_or(issue.send_at);
      item["iso"] = core::FormatIso8601(when);
      item["date"] = core::FormatHumanDateTime(when);
      list.push_back(std::move(item));
      break;
    }
  }
  render::View view;
  view["name"] = (*newsletter)->name;
  view["description"] = (*newsletter)->description;
  view["has_issues"] = !list.empty();
  view["issues"] = std::move(list);
  std::string base = "/newsletters/" + (*newsletter)->slug;
  if (before > 0) view["newest_url"] = base;
  if (more) view["older_url"] = base + "?before=" + std::to_string(issues->back().id);
  PageMeta meta;
  meta.title = (*newsletter)->name;
  meta.description = (*newsletter)->description;
  meta.canonical_path = base;
  return VisitorPage(ctx, *visitor, meta, "pages/newsletter_archive", std::move(view));
}

http::Response AccountNewslettersSubmit(const NewslettersContext& ctx,
                                        const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/newsletters");
  if (!posted) return instead;
  auto slugs = ChosenSlugs(posted->form);
  auto saved = ctx.memberships.Choose(posted->visitor.actor, slugs);
  if (!saved.ok()) {
    auto shown = FormErrorFor(saved.error());
    if (!shown) return ErrorPageFor(ctx, saved.error());
    return RenderSignup(ctx, posted->visitor, slugs, "", shown->message, shown->status);
  }
  if (posted->form.Value("from") == "account") return SeeOther("/account?done=newsletters");
  return SeeOther("/newsletters?saved=1");
}

}  // namespace dateline::web
