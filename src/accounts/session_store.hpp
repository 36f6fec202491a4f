#pragma once
// The sessions table. A session is known by the SHA-256 of its cookie token: the token
// itself (256 random bits) is never stored, so a copy of the database signs no one in.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/user_store.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::accounts {

struct SessionRecord {
  std::string id_hash;
  int64_t user_id = 0;
  bool persistent = false;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  int64_t expires_at = 0;
  std::string user_agent;
  std::string ip;
};

class SessionStore {
 public:
  explicit SessionStore(store::Db& db) : db_(db) {}

  static core::Result<void> Insert(store::Executor& tx, const SessionRecord& s);
  // The session and its user, in one read.
  core::Result<std::optional<std::pair<SessionRecord, UserRecord>>> Find(
      const std::string& id_hash);
  core::Result<void> Touch(const std::string& id_hash, int64_t now);
  static core::Result<void> Delete(store::Executor& tx, const std::string& id_hash);
  // One of the reader's sessions (signing out another device); false when none matched.
  static core::Result<bool> DeleteOfUser(store::Executor& tx, int64_t user_id,
                                         const std::string& id_hash);
  // Every session of the user but `keep` (empty: all).
  static core::Result<int64_t> DeleteAllForUser(store::Executor& tx, int64_t user_id,
                                                const std::string& keep = {});
  core::Result<std::vector<SessionRecord>> ListForUser(int64_t user_id, int64_t now);
  core::Result<int64_t> DeleteExpired(int64_t now);

 private:
  store::Db& db_;
};

}  // namespace dateline::accounts
