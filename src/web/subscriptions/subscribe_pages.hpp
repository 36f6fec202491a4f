#pragma once
// /subscribe (the plans) and /subscribe/redeem (gift codes).

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/subscriptions/context.hpp"

namespace dateline::web {

http::Response SubscribePage(const SubscriptionsContext& ctx, const http::Request& request);
http::Response RedeemForm(const SubscriptionsContext& ctx, const http::Request& request);
// POST /subscribe/checkout: to the payment provider's page for the chosen plan.
http::Response CheckoutSubmit(const SubscriptionsContext& ctx, const http::Request& request);
http::Response RedeemSubmit(const SubscriptionsContext& ctx, const http::Request& request);

}  // namespace dateline::web
