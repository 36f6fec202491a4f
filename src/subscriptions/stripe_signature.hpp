#pragma once
// Stripe's webhook signature: the Stripe-Signature header carries a timestamp and one or
// more v1 signatures, each HMAC-SHA256 of "TIMESTAMP.PAYLOAD" under the endpoint secret
// (several while a secret is being rolled). No I/O here.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace dateline::subscriptions {

// Stripe's libraries reject events signed more than five minutes from now.
constexpr int64_t kStripeSignatureTolerance = 300;

// kPermissionDenied with a short reason when the header is malformed, no v1 signature
// matches, or the timestamp is outside `tolerance` seconds of `now`.
core::Result<void> VerifyStripeSignature(std::string_view header, std::string_view payload,
                                         std::string_view endpoint_secret, int64_t now,
                                         int64_t tolerance = kStripeSignatureTolerance);

// The header value Stripe would send for `payload` at `timestamp` (for the stand-in and
// tests, which must sign exactly as Stripe does).
std::string StripeSignatureHeader(std::string_view payload, std::string_view endpoint_secret,
                                  int64_t timestamp);

}  // namespace dateline::subscriptions
