#include "accounts/user_store.hpp"

#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "webhooks/announce.hpp"

namespace dateline::accounts {

UserRecord UserStore::FromRow(const store::Row& r, size_t i) {
  UserRecord rec;
  rec.user.id = r.Int(i);
  rec.user.email = r.Text(i + 1);
  rec.user.display_name = r.Text(i + 2);
  rec.user.role = ParseRole(r.Text(i + 3)).value_or(Role::kReader);
  rec.user.must_change_password = r.Int(i + 4) != 0;
  rec.user.verified = !r.IsNull(i + 5);
  rec.user.disabled = !r.IsNull(i + 6);
  rec.user.created_at = r.Int(i + 7);
  rec.password_hash = r.Text(i + 8);
  return rec;
}

core::Result<int64_t> UserStore::Count() {
  auto row = db_.QueryOne("SELECT COUNT(*) FROM users");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<User> UserStore::Insert(store::Executor& tx, const NewUser& u, int64_t now) {
  store::Value verified = u.verified ? store::Value(now) : store::Value(nullptr);
  auto row = tx.WriteOne(
      "INSERT INTO users (email, display_name, password_hash, role, must_change_password, "
      "email_verified_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {u.email, u.display_name, u.password_hash, std::string(RoleName(u.role)),
       int64_t{u.must_change_password ? 1 : 0}, verified, now, now});
  if (!row.ok()) return row.error();
  User created;
  created.id = row->Int(0);
  created.email = u.email;
  created.display_name = u.display_name;
  created.role = u.role;
  created.must_change_password = u.must_change_password;
  created.verified = u.verified;
  created.created_at = now;
  // The webhooks hear of every new account made here (sign-up, the newsroom, the CLI);
  // imports bring members in through EnsureReader, quietly.
  boost::json::object data{{"id", created.id},
                           {"email", created.email},
                           {"name", created.display_name},
                           {"role", RoleName(created.role)},
                           {"created", core::FormatIso8601(now)}};
  DL_TRY(webhooks::Announce(tx, "member.created", boost::json::serialize(data), now));
  return created;
}

core::Result<User> UserStore::Insert(const NewUser& u, int64_t now) {
  std::optional<User> created;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto user = Insert(tx, u, now);
    if (!user.ok()) return user.error();
    created = std::move(user.value());
    return {};
  });
  if (!status.ok()) return status.error();
  return *created;
}

core::Result<std::optional<UserRecord>> UserStore::FindByEmail(std::string_view email) {
  static const std::string sql = "SELECT " + std::string(kColumns) + " FROM users WHERE email = ?";
  auto rows = db_.Query(sql, {std::string(email)});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<UserRecord>();
  return std::optional<UserRecord>(FromRow(rows->front()));
}

core::Result<std::optional<UserRecord>> UserStore::FindById(int64_t id) {
  return FindById(db_, id);
}

core::Result<std::optional<UserRecord>> UserStore::FindById(store::Executor& x, int64_t id) {
  static const std::string sql = "SELECT " + std::string(kColumns) + " FROM users WHERE id = ?";
  auto rows = x.Query(sql, {id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<UserRecord>();
  return std::optional<UserRecord>(FromRow(rows->front()));
}

core::Result<void> UserStore::SetEmail(store::Executor& tx, int64_t id, const std::string& email,
                                       int64_t now) {
  auto r = tx.Execute("UPDATE users SET email = ?, updated_at = ? WHERE id = ?", {email, now, id});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<void> UserStore::Delete(store::Executor& tx, int64_t id) {
  auto r = tx.Execute("DELETE FROM users WHERE id = ?", {id});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<std::map<int64_t, User>> UserStore::FindByIds(const std::vector<int64_t>& ids) {
  std::map<int64_t, User> out;
  if (ids.empty()) return out;
  auto rows = db_.Query("SELECT " + std::string(kColumns) + " FROM users WHERE id IN (" +
                            store::Placeholders(ids.size()) + ")",
                        store::Params(ids.begin(), ids.end()));
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) {
    User u = FromRow(r).user;
    out.emplace(u.id, std::move(u));
  }
  return out;
}

core::Result<bool> UserStore::Exists(store::Executor& x, int64_t id) {
  auto rows = x.Query("SELECT id FROM users WHERE id = ?", {id});
  if (!rows.ok()) return rows.error();
  return !rows->empty();
}

core::Result<void> UserStore::SetPasswordHash(store::Executor& tx, int64_t id,
                                              const std::string& hash, int64_t now) {
  auto r = tx.Execute(
      "UPDATE users SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?",
      {hash, now, id});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<void> UserStore::MarkVerified(store::Executor& tx, int64_t id, int64_t now) {
  auto r = tx.Execute(
      "UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?), updated_at = ? "
      "WHERE id = ?",
      {now, now, id});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<void> UserStore::SetDisplayName(int64_t id, const std::string& name, int64_t now) {
  auto r = db_.Execute("UPDATE users SET display_name = ?, updated_at = ? WHERE id = ?",
                       {name, now, id});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<void> UserStore::SetRole(store::Executor& tx, int64_t id, Role role, int64_t now) {
  auto r = tx.Execute("UPDATE users SET role = ?, updated_at = ? WHERE id = ?",
                      {std::string(RoleName(role)), now, id});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<void> UserStore::SetDisabled(store::Executor& tx, int64_t id, bool disabled,
                                          int64_t now) {
  store::Value when = disabled ? store::Value(now) : store::Value(nullptr);
  auto r =
      tx.Execute("UPDATE users SET disabled_at = ?, updated_at = ? WHERE id = ?", {when, now, id});
  if (!r.ok()) return r.error();
  return {};
}

namespace {

// LIKE's pattern for "contains `text`", any case, its wildcards escaped.
std::string ContainsPattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == '%' || lower == '_' || lower == '!') pattern += '!';
    pattern += lower;
  }
  return pattern + "%";
}

constexpr std::string_view kMatches =
    "(? = '' OR LOWER(email) LIKE ? ESCAPE '!' OR LOWER(display_name) LIKE ? ESCAPE '!')";

}  // namespace

core::Result<std::vector<User>> UserStore::Page(std::string_view text, int64_t after_id,
                                                int limit) {
  static const std::string sql = "SELECT " + std::string(kColumns) +
                                 " FROM users WHERE id > ? AND " + std::string(kMatches) +
                                 " ORDER BY id LIMIT ?";
  std::string pattern = ContainsPattern(text);
  auto rows = db_.Query(sql, {after_id, std::string(text), pattern, pattern, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<User> out;
  for (const auto& r : *rows) out.push_back(FromRow(r).user);
  return out;
}

core::Result<int64_t> UserStore::Count(std::string_view text) {
  static const std::string sql = "SELECT COUNT(*) FROM users WHERE " + std::string(kMatches);
  std::string pattern = ContainsPattern(text);
  auto row = db_.QueryOne(sql, {std::string(text), pattern, pattern});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<std::pair<int64_t, bool>> UserStore::EnsureReader(store::Executor& tx,
                                                               const std::string& email,
                                                               const std::string& name,
                                                               int64_t created_at) {
  auto found = tx.Query("SELECT id FROM users WHERE email = ?", {email});
  if (!found.ok()) return found.error();
  if (!found->empty()) return std::make_pair(found->front().Int(0), false);
  // No hash verifies against the empty one: no password opens it until a reset sets one.
  auto row = tx.WriteOne(
      "INSERT INTO users (email, display_name, password_hash, role, must_change_password, "
      "email_verified_at, created_at, updated_at) VALUES (?, ?, '', 'reader', 0, ?, ?, ?) "
      "RETURNING id",
      {email, name, created_at, created_at, created_at});
  if (!row.ok()) return row.error();
  return std::make_pair(row->Int(0), true);
}

}  // namespace dateline::accounts
