#include "subscriptions/stripe_signature.hpp"

#include <vector>

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace dateline::subscriptions {
namespace {

std::string Expected(std::string_view payload, std::string_view secret, std::string_view t) {
  std::string signed_text;
  signed_text.reserve(t.size() + 1 + payload.size());
  signed_text.append(t).append(".").append(payload);
  return core::HmacSha256Hex(secret, signed_text);
}

}  // namespace

core::Result<void> VerifyStripeSignature(std::string_view header, std::string_view payload,
                                         std::string_view endpoint_secret, int64_t now,
                                         int64_t tolerance) {
  if (endpoint_secret.empty()) return core::Error::PermissionDenied("no webhook secret is set");
  std::string_view timestamp;
  std::vector<std::string_view> signatures;
  // "t=1492774577,v1=5257a8...,v1=...,v0=..." (schemes other than v1 are ignored).
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "t") timestamp = value;
    if (key == "v1" && !value.empty()) signatures.push_back(value);
  }
  auto parsed = core::ParseInt64(timestamp);
  if (!parsed) return core::Error::PermissionDenied("no timestamp in the signature header");
  int64_t t = *parsed;
  if (signatures.empty()) return core::Error::PermissionDenied("no v1 signature in the header");
  std::string expected = Expected(payload, endpoint_secret, timestamp);
  bool matched = false;
  // Every candidate is compared in constant time, and all of them are compared.
  for (auto s : signatures) matched = core::ConstantTimeEquals(expected, s) || matched;
  if (!matched) return core::Error::PermissionDenied("no signature matches the payload");
  if (t < now - tolerance || t > now + tolerance)
    return core::Error::PermissionDenied("the signature's timestamp is outside the tolerance");
  return {};
}

std::string StripeSignatureHeader(std::string_view payload, std::string_view endpoint_secret,
                                  int64_t timestamp) {
  std::string t = std::to_string(timestamp);
  return "t=" + t + ",v1=" + Expected(payload, endpoint_secret, t);
}

}  // namespace dateline::subscriptions
