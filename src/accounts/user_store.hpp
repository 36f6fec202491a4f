#pragma once
// The users table.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accounts/user.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::accounts {

struct NewUser {
  std::string email;  // already normalized (trimmed, lowercased)
  std::string display_name;
  std::string password_hash;
  Role role = Role::kReader;
  bool must_change_password = false;
  bool verified = false;
};

// A user with what only the accounts service may see.
struct UserRecord {
  User user;
  std::string password_hash;
};

class UserStore {
 public:
  explicit UserStore(store::Db& db) : db_(db) {}
  core::Result<int64_t> Count();
  // Fails with kAlreadyExists when the email is taken.
  core::Result<User> Insert(const NewUser& user, int64_t now);
  static core::Result<User> Insert(store::Executor& tx, const NewUser& user, int64_t now);
  // For imports, inside the caller's transaction: the account with `email` (normalized),
  // or a new reader account with no password (its owner sets one with a reset code), its
  // address counted as confirmed (the old site confirmed it). Returns the id, and whether
  // it was made now.
  static core::Result<std::pair<int64_t, bool>> EnsureReader(store::Executor& tx,
                                                             const std::string& email,
                                                             const std::string& name,
                                                             int64_t created_at);
  core::Result<std::optional<UserRecord>> FindByEmail(std::string_view email);
  core::Result<std::optional<UserRecord>> FindById(int64_t id);
  // The accounts of these ids that still exist, in one query: how other domains show
  // whose a comment or a request is, without reading this table themselves.
  core::Result<std::map<int64_t, User>> FindByIds(const std::vector<int64_t>& ids);
  // Whether the account exists, inside the caller's transaction (a payment for a reader who
  // has since left is not applied).
  static core::Result<bool> Exists(store::Executor& x, int64_t id);
  // The same as FindById, inside the caller's transaction.
  static core::Result<std::optional<UserRecord>> FindById(store::Executor& x, int64_t id);
  // kAlreadyExists when another account has the address.
  static core::Result<void> SetEmail(store::Executor& tx, int64_t id, const std::string& email,
                                     int64_t now);
  // Sessions, confirmations and codes go with the row (ON DELETE CASCADE).
  static core::Result<void> Delete(store::Executor& tx, int64_t id);
  static core::Result<void> SetPasswordHash(store::Executor& tx, int64_t id,
                                            const std::string& hash, int64_t now);
  static core::Result<void> MarkVerified(store::Executor& tx, int64_t id, int64_t now);
  core::Result<void> SetDisplayName(int64_t id, const std::string& name, int64_t now);
  // Accounts whose email or name contains `text` (any case; every account when empty), in
  // the order they were made, from the one after `after_id` on; and how many match.
  core::Result<std::vector<User>> Page(std::string_view text, int64_t after_id, int limit);
  core::Result<int64_t> Count(std::string_view text);
  static core::Result<void> SetRole(store::Executor& tx, int64_t id, Role role, int64_t now);
  static core::Result<void> SetDisabled(store::Executor& tx, int64_t id, bool disabled,
                                        int64_t now);

  static constexpr std::string_view kColumns =
      "id, email, display_name, role, must_change_password, email_verified_at, disabled_at, "
      "created_at, password_hash";
  // Reads kColumns starting at `first`.
  static UserRecord FromRow(const store::Row& row, size_t first = 0);

 private:
  store::Db& db_;
};

}  // namespace dateline::accounts
