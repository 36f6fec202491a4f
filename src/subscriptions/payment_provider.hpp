#pragma once
// Who takes the money. `manual` (the default) takes none: the newsroom grants
// subscriptions and readers redeem gift codes, offline. `stripe` sells plans through
// Stripe Checkout and reports back through signed webhooks (stripe_webhook.hpp).

#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "subscriptions/provider_subscription.hpp"
#include "subscriptions/subscription.hpp"

namespace dateline::subscriptions {

struct CheckoutRequest {
  int64_t user_id = 0;
  std::string email;
  Plan plan;
  std::string customer_ref;  // the reader's existing customer at the provider, if any
  std::string success_url;
  std::string cancel_url;
};

class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;
  virtual std::string_view Name() const = 0;
  // Whether /subscribe can take a reader to a payment page.
  virtual bool SellsOnline() const = 0;
  // The provider's payment page for a new subscription.
  virtual core::Result<std::string> StartCheckout(const CheckoutRequest& request) = 0;
  // The provider's page where a customer changes card, sees invoices, cancels.
  virtual core::Result<std::string> BillingPortalUrl(std::string_view customer_ref,
                                                     std::string_view return_url) = 0;
  virtual core::Result<ProviderSubscription> SetCancelAtPeriodEnd(std::string_view ref,
                                                                  bool cancel) = 0;
  virtual core::Result<ProviderSubscription> FetchSubscription(std::string_view ref) = 0;
};

std::unique_ptr<PaymentProvider> MakeManualProvider();

struct StripeSettings {
  std::string api_base = "https://api.stripe.com";
  std::string secret_key;  // sk_live_... / sk_test_...
  double timeout_seconds = 20;
};
std::unique_ptr<PaymentProvider> MakeStripeProvider(StripeSettings settings);

}  // namespace dateline::subscriptions
