#pragma once
// Stripe's JSON, read into plain structs: events, subscriptions, API answers. The only
// file that knows JSON here. Both object shapes are read: fields that moved between API
// versions (current_period_end onto subscription items, an invoice's subscription under
// parent.subscription_details) are looked for in either place.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "subscriptions/provider_subscription.hpp"

namespace dateline::subscriptions {

struct StripeEvent {
  enum class Kind { kSubscription, kCheckoutCompleted, kInvoicePaid, kInvoiceFailed, kOther };
  std::string id;  // "evt_..."
  std::string type;
  int64_t created = 0;
  Kind kind = Kind::kOther;
  ProviderSubscription subscription;  // kSubscription
  // kCheckoutCompleted: the session's subscription and who started it.
  std::string subscription_ref;  // also kInvoice*
  std::string customer_ref;
  int64_t user_id = 0;
  int64_t period_end = 0;  // kInvoicePaid: the end of the period it paid for
};

// kInvalidArgument when the text is not a Stripe event.
core::Result<StripeEvent> ParseStripeEvent(std::string_view json);
core::Result<ProviderSubscription> ParseStripeSubscription(std::string_view json);

// An API answer: the value of a top-level string field ("url"), or, for an error reply,
// kUnavailable carrying Stripe's message.
core::Result<std::string> StripeAnswerField(std::string_view json, std::string_view field);

}  // namespace dateline::subscriptions
