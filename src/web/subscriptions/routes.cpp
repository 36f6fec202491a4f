#include "web/subscriptions/routes.hpp"

#include "web/subscriptions/billing_pages.hpp"
#include "web/subscriptions/request_pages.hpp"
#include "web/subscriptions/subscribe_pages.hpp"

namespace dateline::web {

using http::Method;

void RegisterSubscriptionRoutes(http::Router& router, const SubscriptionsContext& ctx) {
  router.Add(Method::kGet, "/subscribe", Bind(ctx, SubscribePage));
  router.Add(Method::kGet, "/subscribe/redeem", Bind(ctx, RedeemForm));
  router.Add(Method::kPost, "/subscribe/redeem", Bind(ctx, RedeemSubmit));
  router.Add(Method::kPost, "/subscribe/checkout", Bind(ctx, CheckoutSubmit));
  router.Add(Method::kPost, "/account/billing", Bind(ctx, AccountBillingSubmit));
  router.Add(Method::kPost, "/account/subscription/cancel", Bind(ctx, AccountCancelSubmit));
  router.Add(Method::kPost, "/account/subscription/resume", Bind(ctx, AccountResumeSubmit));
  router.Add(Method::kPost, "/webhooks/stripe", Bind(ctx, StripeWebhookReceive));
  router.Add(Method::kGet, "/subscribe/request", Bind(ctx, SubscriptionRequestForm));
  router.Add(Method::kPost, "/subscribe/request", Bind(ctx, SubscriptionRequestSubmit));
  router.Add(Method::kGet, "/admin/requests", Bind(ctx, AdminRequestsPage));
  router.Add(Method::kPost, "/admin/requests/{id}/approve", Bind(ctx, AdminRequestApprove));
  router.Add(Method::kPost, "/admin/requests/{id}/decline", Bind(ctx, AdminRequestDecline));
  router.Add(Method::kGet, "/admin/gifts", Bind(ctx, AdminGiftsPage));
  router.Add(Method::kPost, "/admin/gifts", Bind(ctx, AdminGiftsSubmit));
}

}  // namespace dateline::web
