#pragma once
// Keys for programs that use the site's APIs. A content key reads what any reader may read
// (/api/content); a staff token acts for one staff member (/api/admin) within its scopes,
// which narrow that member's role and never widen it. Keys are shown once when made and
// kept only as a SHA-256 fingerprint; all start with "dlk_", which every log line redacts.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/actor.hpp"

namespace dateline::accounts {

enum class ApiKeyKind { kContent, kStaff };
const char* ApiKeyKindName(ApiKeyKind kind);
std::optional<ApiKeyKind> ParseApiKeyKind(std::string_view text);

// What a staff token may do, each a set of capabilities (ScopeCapabilities).
enum class ApiScope : uint32_t {
  kStories = 1u << 0,  // write, edit, publish and unpublish stories as the member may
  kImages = 1u << 1,   // upload images to the media library
  kMembers = 1u << 2,  // list members, give and take complimentary subscriptions
};
inline constexpr ApiScope kAllScopes[] = {ApiScope::kStories, ApiScope::kImages,
                                          ApiScope::kMembers};
const char* ApiScopeName(ApiScope scope);
// "stories,images" and back; nullopt for a name that is no scope.
std::string ScopeList(uint32_t scopes);
std::optional<uint32_t> ParseScopeList(std::string_view text);
Capabilities ScopeCapabilities(uint32_t scopes);

struct ApiKey {
  int64_t id = 0;
  ApiKeyKind kind = ApiKeyKind::kContent;
  std::string name;  // what it is for: "The app", "Wire desk importer"
  std::string hint;  // the key's last four characters, to tell keys apart
  uint32_t scopes = 0;
  int64_t user_id = 0;     // a staff token's member (0 for content keys)
  std::string user_email;  // that member's address, for the list
  int64_t created_at = 0;
  int64_t last_used_at = 0;  // to the minute; 0: never
  int64_t revoked_at = 0;    // 0: in force
};

}  // namespace dateline::accounts
