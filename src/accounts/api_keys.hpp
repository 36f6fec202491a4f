#pragma once
// Making, listing and revoking API keys (administrators: kManageIntegrations), and what a
// presented key is worth: which kind it is, and for a staff token the actor it acts as.

#include <optional>
#include <string>

#include "accounts/api_key.hpp"
#include "accounts/api_key_store.hpp"
#include "accounts/user_store.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace dateline::accounts {

struct MadeKey {
  ApiKey key;
  std::string secret;  // "dlk_...": shown this once
};

struct KeyPage {
  std::vector<ApiKey> items;
  int64_t total = 0;
  int64_t next_before = 0;  // 0: the last page
};

class ApiKeys {
 public:
  ApiKeys(store::Db& db, const core::Clock& clock) : store_(db), users_(db), clock_(clock) {}

  // A content key (no member, no scopes) or a staff token for the staff member with
  // `member_email`, with `scopes` (at least one).
  core::Result<MadeKey> Make(const Actor& actor, ApiKeyKind kind, const std::string& name,
                             uint32_t scopes, const std::string& member_email);
  core::Result<KeyPage> List(const Actor& actor, int64_t before, int limit);
  core::Result<void> Revoke(const Actor& actor, int64_t id);

  // The content key in force that `secret` is (kUnauthenticated otherwise).
  core::Result<ApiKey> ContentKey(std::string_view secret);
  // Who a staff token acts as: its member, as their role allows today, within the token's
  // scopes. kUnauthenticated for anything but a staff token in force of a staff member
  // whose account is usable.
  core::Result<Actor> StaffActor(std::string_view secret, std::string client_address,
                                 std::string network);

 private:
  core::Result<ApiKey> InForce(std::string_view secret, ApiKeyKind kind);

  ApiKeyStore store_;
  UserStore users_;
  const core::Clock& clock_;
};

}  // namespace dateline::accounts
