#pragma once
// /subscribe (the plans) and /subscribe/redeem (gift codes).

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site_context.hpp"

namespace dateline::web {

http::Response SubscribePage(const SiteContext& ctx, const http::Request& request);
http::Response RedeemForm(const SiteContext& ctx, const http::Request& request);
// POST /subscribe/checkout: to the payment provider's page for the chosen plan.
http::Response CheckoutSubmit(const SiteContext& ctx, const http::Request& request);
http::Response RedeemSubmit(const SiteContext& ctx, const http::Request& request);

}  // namespace dateline::web
