#pragma once
// The Dateline-Signature header on each delivery: "t=<unix seconds>,v1=<hex>", where hex
// is HMAC-SHA256 under the endpoint's secret of "<t>.<body>" (Stripe's scheme, so the
// same few lines verify both). Receivers should refuse a t more than 5 minutes away.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace dateline::webhooks {

std::string SignatureHeader(std::string_view secret, std::string_view body, int64_t at);
// kInvalidArgument unless `header` signs `body` under `secret` within `tolerance` of `now`.
core::Result<void> VerifySignature(std::string_view header, std::string_view body,
                                   std::string_view secret, int64_t now, int64_t tolerance = 300);

}  // namespace dateline::webhooks
