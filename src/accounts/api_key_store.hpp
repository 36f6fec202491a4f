#pragma once
// The api_keys table.

#include <optional>
#include <string>
#include <vector>

#include "accounts/api_key.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::accounts {

class ApiKeyStore {
 public:
  explicit ApiKeyStore(store::Db& db) : db_(db) {}
  core::Result<ApiKey> Insert(const ApiKey& key, const std::string& fingerprint,
                              int64_t created_by);
  // The key in force with this fingerprint.
  core::Result<std::optional<ApiKey>> FindInForce(const std::string& fingerprint);
  // Newest first, ids below `before` (0: from the newest).
  core::Result<std::vector<ApiKey>> Page(int64_t before, int limit);
  core::Result<int64_t> Count();
  // False when no key in force has this id.
  core::Result<bool> Revoke(int64_t id, int64_t now);
  // Marks the key used at `now` unless it was marked since `since` (one write a minute).
  core::Result<void> MarkUsed(int64_t id, int64_t now, int64_t since);

 private:
  store::Db& db_;
};

}  // namespace dateline::accounts
