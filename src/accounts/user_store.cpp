#include "accounts/user_store.hpp"

namespace dateline::accounts {

core::Result<int64_t> UserStore::Count() {
  auto row = db_.QueryOne("SELECT COUNT(*) FROM users");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<User> UserStore::Insert(const NewUser& u, int64_t now) {
  User created;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto row = tx.QueryOne(
        "INSERT INTO users (email, display_name, password_hash, role, must_change_password, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {u.email, u.display_name, u.password_hash, std::string(RoleName(u.role)),
         int64_t{u.must_change_password ? 1 : 0}, now, now});
    if (!row.ok()) return row.error();
    created.id = row->Int(0);
    return {};
  });
  if (!status.ok()) return status.error();
  created.email = u.email;
  created.display_name = u.display_name;
  created.role = u.role;
  created.must_change_password = u.must_change_password;
  created.created_at = now;
  return created;
}

}  // namespace dateline::accounts
