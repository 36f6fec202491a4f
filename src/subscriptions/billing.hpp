#pragma once
// What a reader does with a payment provider: start a checkout, open the billing portal,
// cancel at the period end (or take that back). web/ calls this; the provider does the
// talking; what it answers is applied to the store at once (and again, idempotently,
// when its webhook arrives).

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/db.hpp"
#include "subscriptions/payment_provider.hpp"
#include "subscriptions/subscription_service.hpp"

namespace dateline::subscriptions {

class Billing {
 public:
  Billing(store::Db& db, SubscriptionService& subscriptions, PaymentProvider& provider,
          const core::Clock& clock)
      : db_(db), subscriptions_(subscriptions), provider_(provider), clock_(clock) {}

  bool SellsOnline() const { return provider_.SellsOnline(); }
  std::string_view ProviderName() const { return provider_.Name(); }

  // The provider's payment page for the plan. kInvalidArgument (no such plan on sale),
  // kConflict (the reader already has digital access), kUnavailable (provider down).
  core::Result<std::string> StartCheckout(int64_t user_id, std::string_view email,
                                          std::string_view plan_code,
                                          const std::string& success_url,
                                          const std::string& cancel_url);
  // The provider's billing portal for the reader's paid subscription (kNotFound: none).
  core::Result<std::string> PortalUrl(int64_t user_id, const std::string& return_url);
  // Before an account is deleted: a paid subscription must not renew (and charge) for a
  // reader who is gone. Ok when there is nothing to stop.
  core::Result<void> StopRenewalForDeletion(int64_t user_id);
  // Stops (or resumes) renewal of the reader's paid subscription at the period end.
  core::Result<Subscription> SetCancelAtPeriodEnd(int64_t user_id, bool cancel);

 private:
  // The reader's latest subscription with this provider (kNotFound: none).
  core::Result<Subscription> Paid(int64_t user_id);

  store::Db& db_;
  SubscriptionService& subscriptions_;
  PaymentProvider& provider_;
  const core::Clock& clock_;
};

}  // namespace dateline::subscriptions
