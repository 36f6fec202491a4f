#pragma once
// The users table.

#include <string>

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
};

class UserStore {
 public:
  explicit UserStore(store::Db& db) : db_(db) {}
  core::Result<int64_t> Count();
  // Fails with kAlreadyExists when the email is taken.
  core::Result<User> Insert(const NewUser& user, int64_t now);

 private:
  store::Db& db_;
};

}  // namespace dateline::accounts
