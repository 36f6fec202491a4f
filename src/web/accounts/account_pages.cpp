#include "web/accounts/account_pages.hpp"

#include <map>

#include "articles/json_ld.hpp"
#include "core/json_text.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "subscriptions/subscription.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

std::string Describe(std::string_view agent) {
  if (agent.empty()) return "Unknown browser";
  std::string a(agent.substr(0, 80));
  return a;
}

// What /account says about the subscription, in the words its kind calls for: a paid one
// renews (or ends) and is managed with the provider; a complimentary one or a gift runs to
// a date and has nothing to manage or cancel.
render::View SubscriptionView(const subscriptions::Subscription& s, bool access) {
  using subscriptions::Kind;
  using subscriptions::Status;
  render::View sub;
  Kind kind = subscriptions::KindOf(s);
  sub["plan"] = s.plan.name;
  sub["active"] = access;
  sub["ends_iso"] = core::FormatIso8601(s.current_period_end);
  sub["ends_human"] = core::FormatHumanDateTime(s.current_period_end);
  bool paid = kind == Kind::kPaid && !s.provider_ref.empty();
  bool renews = access && paid && !s.cancel_at_period_end &&
                (s.status == Status::kActive || s.status == Status::kTrialing);
  std::string when = !access                        ? "ended"
                     : kind == Kind::kGift          ? "a gift, until"
                     : kind == Kind::kComplimentary ? "complimentary, until"
                     : kind == Kind::kOffline       ? "arranged with the newsroom, until"
                     : renews                       ? "renews on"
                     : s.status == Status::kPastDue ? "payment failed; access until"
                                                    : "ends on";
  if (s.status == Status::kPastDue && access && paid) {
    sub["past_due"] = true;
    sub["ends_iso"] = "";  // the grace period's end is not the period's end
  }
  sub["when"] = when;
  if (s.status == Status::kTrialing && access) sub["trial"] = true;
  if (paid && access) {
    sub["paid"] = true;
    sub["renews"] = renews;
    sub["canceling"] = s.cancel_at_period_end;
  }
  if (access && !paid) sub["runs_out"] = true;  // offer a paid plan before the date
  return sub;
}

http::Response RenderAccount(const AccountsContext& ctx, const Visitor& v,
                             const std::string& notice, const std::string& error, int status) {
  const accounts::User& user = v.viewer->user;
  render::View view;
  view["email"] = user.email;
  view["display_name"] = user.display_name;
  view["verified"] = user.verified;
  view["must_change"] = user.must_change_password;
  view["min_length"] = std::to_string(ctx.accounts.policy().min_length());
  if (!notice.empty()) view["notice"] = notice;
  if (!error.empty()) view["error"] = error;
  auto subscription = ctx.subscriptions.Current(user.id);
  if (!subscription.ok()) return ErrorPageFor(ctx, subscription.error());
  auto access = ctx.subscriptions.HasDigitalAccess(user.id);
  if (!access.ok()) return ErrorPageFor(ctx, access.error());
  if (*subscription) view["subscription"] = SubscriptionView(**subscription, *access);
  auto waiting = ctx.requests.WaitingFor(user.id);
  if (!waiting.ok()) return ErrorPageFor(ctx, waiting.error());
  if (*waiting) {
    view["waiting_request"] = (*waiting)->kind == subscriptions::RequestKind::kPrint
                                  ? "digital access as a print subscriber"
                                  : (*waiting)->plan_name;
    view["waiting_since"] = core::FormatHumanDateTime((*waiting)->created_at);
  }
  // Staff read everything by their role, subscription or not.
  if (!*subscription && v.actor.access_by_role) {
    view["staff_access"] = true;
  }
  auto reply_emails = ctx.comments.ReplyEmails(user.id);
  if (!reply_emails.ok()) return ErrorPageFor(ctx, reply_emails.error());
  view["reply_emails"] = *reply_emails;
  // The reader's newsletters: saved by POST /account/newsletters (web/newsletters).
  auto choices = ctx.memberships.ChoicesFor(v.actor);
  if (!choices.ok()) return ErrorPageFor(ctx, choices.error());
  for (const auto& c : *choices) {
    render::View item;
    item["slug"] = c.newsletter.slug;
    item["name"] = c.newsletter.name;
    item["description"] = c.newsletter.description;
    item["paid"] = c.newsletter.paid;
    item["checked"] = c.joined || c.pending;
    item["allowed"] = c.allowed || c.joined;
    view["newsletters"].Push(std::move(item));
  }
  view["has_newsletters"] = !choices->empty();
  auto sessions = ctx.accounts.Sessions(user.id);
  if (!sessions.ok()) return ErrorPageFor(ctx, sessions.error());
  for (const auto& s : *sessions) {
    render::View item;
    item["id"] = s.id_hash;
    item["agent"] = Describe(s.user_agent);
    item["ip"] = s.ip;
    item["seen_iso"] = core::FormatIso8601(s.last_seen_at);
    item["seen_human"] = core::FormatHumanDateTime(s.last_seen_at);
    item["current"] = s.id_hash == v.viewer->session_hash;
    view["sessions"].Push(std::move(item));
  }
  PageMeta meta;
  meta.title = "Your account";
  http::Response page = VisitorPage(ctx, v, meta, "pages/account", std::move(view), status);
  AllowPaymentRedirects(ctx, page);
  return page;
}

http::Response AfterChange(const AccountsContext& ctx, const Visitor& v,
                           const core::Result<void>& r, const std::string& done) {
  if (r.ok()) return SeeOther("/account?done=" + http::PercentEncode(done));
  auto shown = FormErrorFor(r.error());
  if (!shown) return ErrorPageFor(ctx, r.error());
  return RenderAccount(ctx, v, "", shown->message, shown->status);
}

}  // namespace

http::Response AccountPage(const AccountsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, nullptr, "/account");
  if (!visitor) return instead;
  auto query = http::Form::Parse(request.query);
  std::string done = query.ok() ? query->Value("done") : "";
  static const std::map<std::string, std::string> kNotices = {
      {"name", "Your name is saved."},
      {"password", "Your password is changed. Other devices have been signed out."},
      {"resent", "We have sent a new confirmation email."},
      {"revoked", "That device has been signed out."},
      {"email", "Check the new address: the change happens when you confirm it there."},
      {"checkout",
       "Thank you for subscribing. Your payment is confirmed in a moment; reload "
       "this page if your subscription does not show yet."},
      {"canceled",
       "Your subscription will not renew. You keep digital access until the end "
       "of the period you paid for."},
      {"resumed", "Your subscription will renew as before."},
      {"notifications", "Your email choices are saved."},
      {"newsletters", "Your newsletters are saved."},
  };
  auto notice = kNotices.find(done);
  return RenderAccount(ctx, *visitor, notice == kNotices.end() ? "" : notice->second, "", 200);
}

http::Response AccountNameSubmit(const AccountsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/account");
  if (!posted) return instead;
  auto r = ctx.accounts.ChangeDisplayName(posted->visitor.viewer->user.id,
                                          posted->form.Value("display_name"));
  return AfterChange(ctx, posted->visitor, r, "name");
}

http::Response AccountPasswordSubmit(const AccountsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/account");
  if (!posted) return instead;
  auto r =
      ctx.accounts.ChangePassword(*posted->visitor.viewer, posted->form.Value("current_password"),
                                  posted->form.Value("new_password"), ClientOf(request));
  return AfterChange(ctx, posted->visitor, r, "password");
}

http::Response AccountResendSubmit(const AccountsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/account");
  if (!posted) return instead;
  auto r = ctx.accounts.ResendVerification(posted->visitor.viewer->user.id);
  return AfterChange(ctx, posted->visitor, r, "resent");
}

http::Response AccountRevokeSubmit(const AccountsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/account");
  if (!posted) return instead;
  auto r =
      ctx.accounts.RevokeSession(posted->visitor.viewer->user.id, posted->form.Value("session"));
  if (!r.ok() && r.error().code == core::ErrorCode::kNotFound) return SeeOther("/account");
  return AfterChange(ctx, posted->visitor, r, "revoked");
}

http::Response AccountEmailSubmit(const AccountsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/account");
  if (!posted) return instead;
  auto r = ctx.accounts.RequestEmailChange(*posted->visitor.viewer, posted->form.Value("new_email"),
                                           posted->form.Value("password"), ClientOf(request));
  return AfterChange(ctx, posted->visitor, r, "email");
}

http::Response AccountDeleteSubmit(const AccountsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/account");
  if (!posted) return instead;
  if (posted->form.Value("confirm") != "yes") {
    return RenderAccount(ctx, posted->visitor, "", "Tick the box to confirm the deletion.", 400);
  }
  int64_t user_id = posted->visitor.viewer->user.id;
  auto r = ctx.accounts.DeleteAccount(*posted->visitor.viewer, posted->form.Value("password"),
                                      ClientOf(request),
                                      [&] { return ctx.billing.StopRenewalForDeletion(user_id); });
  if (!r.ok() && r.error().code == core::ErrorCode::kUnavailable) {
    return RenderAccount(ctx, posted->visitor, "",
                         "We could not reach our payment provider to stop your subscription's "
                         "renewal, so nothing was deleted. Please try again in a few minutes.",
                         503);
  }
  if (!r.ok()) return AfterChange(ctx, posted->visitor, r, "");
  return ClearSessionCookie(
      ctx, NoticePage(ctx, Visitor{}, "Your account is deleted",
                      {"Your account and everything tied to it have been removed. Thank you for "
                       "reading."},
                      "/", "Go to the front page"));
}

http::Response AccountDataDownload(const AccountsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, nullptr, "/account");
  if (!visitor) return instead;
  auto data = ctx.accounts.ExportData(visitor->viewer->user.id);
  if (!data.ok()) return ErrorPageFor(ctx, data.error());
  const accounts::User& u = data->user;
  std::string json = "{\n  \"account\": {\"email\": " + core::JsonString(u.email) +
                     ", \"display_name\": " + core::JsonString(u.display_name) +
                     ", \"role\": " + core::JsonString(accounts::RoleName(u.role)) +
                     ", \"email_confirmed\": " + (u.verified ? "true" : "false") +
                     ", \"created_at\": " + core::JsonString(core::FormatIso8601(u.created_at)) +
                     "},\n  \"sessions\": [";
  for (size_t i = 0; i < data->sessions.size(); ++i) {
    const auto& s = data->sessions[i];
    json += std::string(i ? "," : "") + "\n    {\"user_agent\": " + core::JsonString(s.user_agent) +
            ", \"ip\": " + core::JsonString(s.ip) +
            ", \"signed_in_at\": " + core::JsonString(core::FormatIso8601(s.created_at)) +
            ", \"last_seen_at\": " + core::JsonString(core::FormatIso8601(s.last_seen_at)) + "}";
  }
  json += "\n  ],\n  \"security_events\": [";
  for (size_t i = 0; i < data->events.size(); ++i) {
    json += std::string(i ? "," : "") +
            "\n    {\"event\": " + core::JsonString(data->events[i].first) +
            ", \"at\": " + core::JsonString(core::FormatIso8601(data->events[i].second)) + "}";
  }
  json += "\n  ]\n}\n";
  http::Response r;
  r.content_type = "application/json; charset=utf-8";
  r.body = std::move(json);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"my-dateline-data.json\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace dateline::web
