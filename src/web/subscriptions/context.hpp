#pragma once
// What the subscription pages use: paying online, gift codes, requests decided by staff,
// and the payment provider's webhook.

#include "subscriptions/billing.hpp"
#include "subscriptions/gift_codes.hpp"
#include "subscriptions/stripe_webhook.hpp"
#include "subscriptions/subscription_requests.hpp"
#include "web/kit/kit.hpp"

namespace dateline::web {

struct SubscriptionsContext : Kit {
  subscriptions::Billing& billing;
  subscriptions::GiftCodes& gift_codes;
  subscriptions::SubscriptionRequests& requests;
  subscriptions::StripeWebhook* stripe_webhook;  // null unless the provider is stripe
};

}  // namespace dateline::web
