#include "accounts/session_store.hpp"

namespace dateline::accounts {
namespace {

constexpr std::string_view kSessionColumns =
    "s.id_hash, s.user_id, s.persistent, s.created_at, s.last_seen_at, s.expires_at, "
    "s.user_agent, s.ip";

SessionRecord SessionFromRow(const store::Row& r) {
  return {r.Text(0), r.Int(1), r.Int(2) != 0, r.Int(3), r.Int(4), r.Int(5), r.Text(6), r.Text(7)};
}

}  // namespace

core::Result<void> SessionStore::Insert(store::Executor& tx, const SessionRecord& s) {
  auto r = tx.Execute(
      "INSERT INTO sessions (id_hash, user_id, persistent, created_at, last_seen_at, expires_at, "
      "user_agent, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {s.id_hash, s.user_id, int64_t{s.persistent ? 1 : 0}, s.created_at, s.last_seen_at,
       s.expires_at, s.user_agent, s.ip});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<std::optional<std::pair<SessionRecord, UserRecord>>> SessionStore::Find(
    const std::string& id_hash) {
  static const std::string sql = "SELECT " + std::string(kSessionColumns) +
                                 ", u.id, u.email, u.display_name, u.role, "
                                 "u.must_change_password, u.email_verified_at, u.disabled_at, "
                                 "u.created_at, u.password_hash FROM sessions s JOIN users u ON "
                                 "u.id = s.user_id WHERE s.id_hash = ?";
  auto rows = db_.Query(sql, {id_hash});
  using Pair = std::pair<SessionRecord, UserRecord>;
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Pair>();
  const auto& r = rows->front();
  return std::optional<Pair>(Pair{SessionFromRow(r), UserStore::FromRow(r, 8)});
}

core::Result<void> SessionStore::Touch(const std::string& id_hash, int64_t now) {
  auto r = db_.Execute("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", {now, id_hash});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<void> SessionStore::Delete(store::Executor& tx, const std::string& id_hash) {
  auto r = tx.Execute("DELETE FROM sessions WHERE id_hash = ?", {id_hash});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<int64_t> SessionStore::DeleteAllForUser(store::Executor& tx, int64_t user_id,
                                                     const std::string& keep) {
  return tx.Execute("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?", {user_id, keep});
}

core::Result<std::vector<SessionRecord>> SessionStore::ListForUser(int64_t user_id, int64_t now) {
  static const std::string sql = "SELECT " + std::string(kSessionColumns) +
                                 " FROM sessions s WHERE s.user_id = ? AND s.expires_at > ? "
                                 "ORDER BY s.last_seen_at DESC";
  auto rows = db_.Query(sql, {user_id, now});
  if (!rows.ok()) return rows.error();
  std::vector<SessionRecord> out;
  for (const auto& r : *rows) out.push_back(SessionFromRow(r));
  return out;
}

core::Result<int64_t> SessionStore::DeleteExpired(int64_t now) {
  return db_.Execute("DELETE FROM sessions WHERE expires_at <= ?", {now});
}

core::Result<bool> SessionStore::DeleteOfUser(store::Executor& tx, int64_t user_id,
                                              const std::string& id_hash) {
  auto r = tx.Execute("DELETE FROM sessions WHERE user_id = ? AND id_hash = ?", {user_id, id_hash});
  if (!r.ok()) return r.error();
  return *r > 0;
}

}  // namespace dateline::accounts
