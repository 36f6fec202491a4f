#pragma once
// What a payment provider says about one subscription, already in our terms. Parsed from
// the provider's objects (stripe_objects.cpp) and applied to the store (provider_sync.cpp).

#include <cstdint>
#include <string>

#include "subscriptions/subscription.hpp"

namespace dateline::subscriptions {

struct ProviderSubscription {
  std::string ref;           // the provider's id: "sub_..."
  std::string customer_ref;  // "cus_..."
  std::string price_ref;     // "price_...": which plan, via plans.stripe_price
  std::string plan_code;     // from the metadata we attached at checkout, if any
  int64_t user_id = 0;       // from that metadata; 0 when the provider does not say
  Status status = Status::kIncomplete;
  int64_t current_period_end = 0;  // already cut short for a subscription that has ended
  bool cancel_at_period_end = false;
};

}  // namespace dateline::subscriptions
