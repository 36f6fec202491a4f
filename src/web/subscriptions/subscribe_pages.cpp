#include "web/subscriptions/subscribe_pages.hpp"

#include <spdlog/spdlog.h>

#include "core/time_format.hpp"
#include "http/client_address.hpp"
#include "http/request_target.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

std::string Price(const subscriptions::Plan& p) {
  std::string symbol = p.currency == "USD" ? "$" : p.currency == "EUR" ? "€" : p.currency + " ";
  return symbol + subscriptions::FormatAmount(p.price_cents);
}

http::Response RenderRedeem(const SubscriptionsContext& ctx, const Visitor& v,
                            const std::string& code, const std::string& next,
                            const std::string& error, int status) {
  render::View view;
  view["next"] = next;
  view["code"] = code;
  view["unverified"] = !v.viewer->user.verified;
  if (!error.empty()) view["error"] = error;
  PageMeta meta;
  meta.title = "Redeem a gift code";
  return VisitorPage(ctx, v, meta, "pages/redeem", std::move(view), status);
}

// The same-site path a page's ?next= (or a form's "next") names, or "/".
std::string NextOf(std::string_view encoded) {
  auto fields = http::Form::Parse(encoded);
  return fields.ok() ? http::SafeNextPath(fields->Value("next")) : "/";
}

http::Response RenderSubscribe(const SubscriptionsContext& ctx, const Visitor& v,
                               const std::string& error, int status,
                               const std::string& next = "/") {
  auto plans = ctx.subscriptions.ActivePlans();
  if (!plans.ok()) return ErrorPageFor(ctx, plans.error());
  render::View view;
  bool online = ctx.billing.SellsOnline();
  view["sells_online"] = online;
  view["signed_in"] = v.signed_in();
  // A reader who can read everything already is told so, not sold a second plan.
  bool has_access = false;
  if (v.signed_in() && v.actor.digital_access) {
    has_access = true;
    if (v.actor.access_by_role) {
      view["access_note"] = "As newsroom staff you already read every article.";
    } else {
      auto current = ctx.subscriptions.Current(v.actor.user_id());
      if (!current.ok()) return ErrorPageFor(ctx, current.error());
      std::string until =
          *current ? " until " + core::FormatHumanDateTime((*current)->current_period_end) : "";
      view["access_note"] = "You already have digital access" + until +
                            ". Your account page shows your subscription.";
    }
  }
  view["has_access"] = has_access;
  view["next_query"] = http::PercentEncode(next);
  if (!error.empty()) view["error"] = error;
  for (const auto& p : *plans) {
    render::View item;
    item["code"] = p.code;
    item["name"] = p.name;
    item["price"] = Price(p);
    item["per"] = p.period == "year" ? "a year" : "a month";
    item["description"] = p.description;
    item["buyable"] = online && !p.stripe_price.empty() && !has_access;
    // Without online payment, or for plans not sold online: ask the newsroom for it.
    item["requestable"] = !has_access && (!online || p.stripe_price.empty());
    view["plans"].Push(std::move(item));
  }
  PageMeta meta;
  meta.title = "Subscribe";
  meta.description = "Digital access to every article, and the right to comment.";
  meta.canonical_path = "/subscribe";
  http::Response page = VisitorPage(ctx, v, meta, "pages/subscribe", std::move(view), status);
  AllowPaymentRedirects(ctx, page);
  return page;
}

}  // namespace

http::Response SubscribePage(const SubscriptionsContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  return RenderSubscribe(ctx, *visitor, "", 200, NextOf(request.query));
}

http::Response CheckoutSubmit(const SubscriptionsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/subscribe");
  if (!posted) return instead;
  const accounts::User& user = posted->visitor.viewer->user;
  if (!user.verified) {
    return RenderSubscribe(ctx, posted->visitor,
                           "Confirm your email address first: we sent you a link when you "
                           "signed up (your account page can send a new one).",
                           403);
  }
  std::string site = ctx.config.SiteUrl();
  auto url = ctx.billing.StartCheckout(user.id, user.email, posted->form.Value("plan"),
                                       site + "/account?done=checkout", site + "/subscribe");
  if (!url.ok()) {
    // Access already held: the account page says so.
    if (url.error().code == core::ErrorCode::kConflict) return SeeOther("/account");
    if (auto refused = FormErrorFor(url.error())) {
      return RenderSubscribe(ctx, posted->visitor, refused->message, refused->status);
    }
    if (url.error().code != core::ErrorCode::kUnavailable) return ErrorPageFor(ctx, url.error());
    spdlog::warn("checkout for user {}: {}", user.id, url.error().message);
    return RenderSubscribe(ctx, posted->visitor,
                           "Payment is unavailable at the moment. Please try again in a "
                           "few minutes.",
                           HttpStatusFor(url.error().code));
  }
  return SeeOther(*url);
}

http::Response RedeemForm(const SubscriptionsContext& ctx, const http::Request& request) {
  std::string next = NextOf(request.query);
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, nullptr,
                                 "/subscribe/redeem?next=" + http::PercentEncode(next));
  if (!visitor) return instead;
  return RenderRedeem(ctx, *visitor, "", next, "", 200);
}

http::Response RedeemSubmit(const SubscriptionsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/subscribe/redeem");
  if (!posted) return instead;
  auto& visitor = posted->visitor;
  auto& form = posted->form;
  std::string next = http::SafeNextPath(form.Value("next"));
  // Unconfirmed accounts cannot subscribe (the address may not be theirs).
  if (!visitor.viewer->user.verified)
    return RenderRedeem(ctx, visitor, form.Value("code"), next, "", 403);
  auto sub = ctx.gift_codes.Redeem(visitor.viewer->user.id, form.Value("code"),
                                   http::RateLimitKey(request.remote_address));
  if (!sub.ok()) {
    auto shown = FormErrorFor(sub.error());
    if (!shown) return ErrorPageFor(ctx, sub.error());
    return RenderRedeem(ctx, visitor, form.Value("code"), next, shown->message, shown->status);
  }
  return NoticePage(ctx, visitor, "Welcome, subscriber",
                    {"Your gift is redeemed: " + sub->plan.name + " until " +
                     core::FormatHumanDateTime(sub->current_period_end) + "."},
                    next, next == "/" ? "Start reading" : "Continue reading");
}

}  // namespace dateline::web
