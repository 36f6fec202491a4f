#pragma once
// Links that show one story that is not live to someone without an account: the story's
// id and an expiry, signed with the server's key for this one purpose. Whoever holds a
// link sees that story, as a reader without a subscription would, until it expires;
// nothing else. Rotating the server key revokes every link.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/crypto.hpp"

namespace dateline::articles {

struct PreviewLink {
  int64_t story_id = 0;
  int64_t expires_at = 0;
  std::string signature;
};

std::string PreviewSignature(const core::SecretKey& key, int64_t story_id, int64_t expires_at);
bool PreviewSignatureValid(const core::SecretKey& key, int64_t story_id, int64_t expires_at,
                           std::string_view signature);

}  // namespace dateline::articles
