// The manual provider: no payment page. Subscriptions come from admins (/admin/members,
// `dateline subscription grant`) and gift codes.

#include "subscriptions/payment_provider.hpp"

namespace dateline::subscriptions {
namespace {

core::Error NotOnline() {
  return core::Error::Unavailable("online payment is not set up on this site");
}

class ManualProvider final : public PaymentProvider {
 public:
  std::string_view Name() const override { return "manual"; }
  bool SellsOnline() const override { return false; }
  core::Result<std::string> StartCheckout(const CheckoutRequest&) override { return NotOnline(); }
  core::Result<std::string> BillingPortalUrl(std::string_view, std::string_view) override {
    return NotOnline();
  }
  core::Result<ProviderSubscription> SetCancelAtPeriodEnd(std::string_view, bool) override {
    return NotOnline();
  }
  core::Result<ProviderSubscription> FetchSubscription(std::string_view) override {
    return NotOnline();
  }
};

}  // namespace

std::unique_ptr<PaymentProvider> MakeManualProvider() { return std::make_unique<ManualProvider>(); }

}  // namespace dateline::subscriptions
