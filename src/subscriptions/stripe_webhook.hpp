#pragma once
// Stripe's events, received at /webhooks/stripe: verified, recorded once by id, and
// applied. Stripe retries anything that is not answered 2xx, so only failures that a retry
// can cure (the store or Stripe unreachable) are reported as kUnavailable.

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/db.hpp"
#include "subscriptions/payment_provider.hpp"

namespace dateline::subscriptions {

class StripeWebhook {
 public:
  StripeWebhook(store::Db& db, PaymentProvider& provider, const core::Clock& clock,
                std::string endpoint_secret)
      : db_(db), provider_(provider), clock_(clock), secret_(std::move(endpoint_secret)) {}

  // What became of the event ("applied", "duplicate", "stale", "ignored: ..."), or
  // kInvalidArgument (a bad signature, or not an event; the reader sentence says which),
  // kUnavailable (Stripe or the database cannot be reached: Stripe should retry).
  core::Result<std::string> Receive(std::string_view payload, std::string_view signature_header);

 private:
  store::Db& db_;
  PaymentProvider& provider_;
  const core::Clock& clock_;
  std::string secret_;
};

}  // namespace dateline::subscriptions
