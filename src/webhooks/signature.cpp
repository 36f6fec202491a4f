#include "webhooks/signature.hpp"

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace dateline::webhooks {

std::string SignatureHeader(std::string_view secret, std::string_view body, int64_t at) {
  std::string stamp = std::to_string(at);
  return "t=" + stamp + ",v1=" + core::HmacSha256Hex(secret, stamp + "." + std::string(body));
}

core::Result<void> VerifySignature(std::string_view header, std::string_view body,
                                   std::string_view secret, int64_t now, int64_t tolerance) {
  std::string_view t, v1;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view part = header.substr(0, comma);
    if (part.substr(0, 2) == "t=") t = part.substr(2);
    if (part.substr(0, 3) == "v1=") v1 = part.substr(3);
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  auto at = core::ParseInt64(t);
  if (!at || v1.empty()) return core::Error::InvalidArgument("no t= and v1= in the signature");
  if (*at < now - tolerance || *at > now + tolerance) {
    return core::Error::InvalidArgument("signature timestamp out of tolerance");
  }
  std::string expected = SignatureHeader(secret, body, *at);
  if (!core::ConstantTimeEquals(expected.substr(expected.find(",v1=") + 4), v1)) {
    return core::Error::InvalidArgument("signature does not match");
  }
  return {};
}

}  // namespace dateline::webhooks
