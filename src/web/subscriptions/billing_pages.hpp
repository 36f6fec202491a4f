#pragma once
// Paid subscriptions from the reader's side (/account: manage payment, cancel, resume) and
// the payment provider's side (POST /webhooks/stripe).

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/subscriptions/context.hpp"

namespace dateline::web {

http::Response AccountBillingSubmit(const SubscriptionsContext& ctx, const http::Request& request);
http::Response AccountCancelSubmit(const SubscriptionsContext& ctx, const http::Request& request);
http::Response AccountResumeSubmit(const SubscriptionsContext& ctx, const http::Request& request);
// No CSRF token or cookie here: the Stripe-Signature header is the proof of origin.
http::Response StripeWebhookReceive(const SubscriptionsContext& ctx, const http::Request& request);

}  // namespace dateline::web
