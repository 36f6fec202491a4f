#include "articles/preview_links.hpp"

namespace dateline::articles {

std::string PreviewSignature(const core::SecretKey& key, int64_t story_id, int64_t expires_at) {
  return core::KeyedHash(key, "story-preview",
                         std::to_string(story_id) + ":" + std::to_string(expires_at));
}

bool PreviewSignatureValid(const core::SecretKey& key, int64_t story_id, int64_t expires_at,
                           std::string_view signature) {
  return core::ConstantTimeEquals(PreviewSignature(key, story_id, expires_at), signature);
}

}  // namespace dateline::articles
