#pragma once
// The keys in a newsletter's links. A reader's unsubscribe and preferences links carry a
// keyed hash of their membership (one per reader and newsletter), so the link alone
// authorizes leaving: a mail client's one-click POST (RFC 8058) has no cookie and no
// form token. The confirmation link carries a random token whose hash is stored.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/crypto.hpp"

namespace dateline::newsletters {

std::string MemberKey(const core::SecretKey& secret, int64_t member_id);
bool MemberKeyMatches(const core::SecretKey& secret, int64_t member_id, std::string_view key);

// The stored form of a confirmation token.
std::string ConfirmationHash(std::string_view token);

// "/newsletters/unsubscribe?m=ID&k=KEY" and "/newsletters/preferences?m=ID&k=KEY".
std::string UnsubscribePath(const core::SecretKey& secret, int64_t member_id);
std::string PreferencesPath(const core::SecretKey& secret, int64_t member_id);

}  // namespace dateline::newsletters
