#pragma once
// The routes of plans for sale, checkout and billing, gift codes, requests staff decide, and the
// payment provider's webhook.

#include "http/router.hpp"
#include "web/subscriptions/context.hpp"

namespace dateline::web {

// `ctx` outlives the router.
void RegisterSubscriptionRoutes(http::Router& router, const SubscriptionsContext& ctx);

}  // namespace dateline::web
