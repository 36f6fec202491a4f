#include "web/subscriptions/billing_pages.hpp"

#include <spdlog/spdlog.h>

#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

http::Response Unavailable(const SubscriptionsContext& ctx, const Visitor& v) {
  return NoticePage(ctx, v, "Payment is unavailable",
                    {"We could not reach our payment provider. Nothing was changed; please try "
                     "again in a few minutes."},
                    "/account", "Back to your account", 503);
}

http::Response SetRenewal(const SubscriptionsContext& ctx, const http::Request& request,
                          bool cancel) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/account");
  if (!posted) return instead;
  int64_t user_id = posted->visitor.viewer->user.id;
  auto r = ctx.billing.SetCancelAtPeriodEnd(user_id, cancel);
  if (!r.ok()) {
    if (r.error().code == core::ErrorCode::kNotFound) return SeeOther("/account");
    spdlog::warn("renewal change for user {}: {}", user_id, r.error().message);
    if (r.error().code == core::ErrorCode::kUnavailable) return Unavailable(ctx, posted->visitor);
    return ErrorPageFor(ctx, r.error());
  }
  return SeeOther(cancel ? "/account?done=canceled" : "/account?done=resumed");
}

}  // namespace

http::Response AccountBillingSubmit(const SubscriptionsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/account");
  if (!posted) return instead;
  int64_t user_id = posted->visitor.viewer->user.id;
  auto url = ctx.billing.PortalUrl(user_id, ctx.config.SiteUrl() + "/account");
  if (!url.ok()) {
    if (url.error().code == core::ErrorCode::kNotFound) return SeeOther("/account");
    spdlog::warn("billing portal for user {}: {}", user_id, url.error().message);
    return Unavailable(ctx, posted->visitor);
  }
  return SeeOther(*url);
}

http::Response AccountCancelSubmit(const SubscriptionsContext& ctx, const http::Request& request) {
  return SetRenewal(ctx, request, true);
}

http::Response AccountResumeSubmit(const SubscriptionsContext& ctx, const http::Request& request) {
  return SetRenewal(ctx, request, false);
}

http::Response StripeWebhookReceive(const SubscriptionsContext& ctx, const http::Request& request) {
  if (!ctx.stripe_webhook) return ErrorPage(ctx, 404);
  auto outcome = ctx.stripe_webhook->Receive(request.body, request.Header("stripe-signature"));
  http::Response r;
  if (outcome.ok()) {
    spdlog::info("stripe webhook: {}", *outcome);
    r = http::Response::Text(200, "{\"received\":true}\n");
    r.content_type = "application/json";
  } else {
    // 4xx: Stripe will not succeed by retrying. 5xx: it should retry later.
    int status = HttpStatusFor(outcome.error().code);
    spdlog::warn("stripe webhook refused ({}): {}", status, outcome.error().message);
    r = http::Response::Text(
        status,
        (status >= 500 ? std::string("try again later") : ReaderSentence(outcome.error())) + "\n");
  }
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace dateline::web
