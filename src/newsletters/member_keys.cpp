#include "newsletters/member_keys.hpp"

namespace dateline::newsletters {

std::string MemberKey(const core::SecretKey& secret, int64_t member_id) {
  // 128 bits are plenty for a link nobody can guess, and keep the address short.
  return core::KeyedHash(secret, "newsletter-member", std::to_string(member_id)).substr(0, 32);
}

bool MemberKeyMatches(const core::SecretKey& secret, int64_t member_id, std::string_view key) {
  return member_id > 0 && core::ConstantTimeEquals(MemberKey(secret, member_id), key);
}

std::string ConfirmationHash(std::string_view token) {
  return core::Sha256Hex(std::string("newsletter-confirm:") + std::string(token));
}

std::string UnsubscribePath(const core::SecretKey& secret, int64_t member_id) {
  return "/newsletters/unsubscribe?m=" + std::to_string(member_id) +
         "&k=" + MemberKey(secret, member_id);
}

std::string PreferencesPath(const core::SecretKey& secret, int64_t member_id) {
  return "/newsletters/preferences?m=" + std::to_string(member_id) +
         "&k=" + MemberKey(secret, member_id);
}

}  // namespace dateline::newsletters
