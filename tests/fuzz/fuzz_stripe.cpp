// Stripe's webhook: the Stripe-Signature header and the event JSON, both from the network.
#include <cstdint>

#include "subscriptions/stripe_objects.hpp"
#include "subscriptions/stripe_signature.hpp"

using namespace dateline::subscriptions;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t split = input.find('\n');
  std::string_view header = input.substr(0, split);
  std::string_view payload = split == std::string_view::npos ? "" : input.substr(split + 1);
  (void)VerifyStripeSignature(header, payload, "whsec_test", 1'800'000'000);
  (void)ParseStripeEvent(payload);
  (void)ParseStripeSubscription(payload);
  (void)StripeAnswerField(payload, "url");
  return 0;
}
