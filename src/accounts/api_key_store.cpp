#include "accounts/api_key_store.hpp"

namespace dateline::accounts {
namespace {

constexpr const char* kColumns =
    "k.id, k.kind, k.name, k.hint, k.scopes, k.user_id, COALESCE(u.email, ''), k.created_at, "
    "COALESCE(k.last_used_at, 0), COALESCE(k.revoked_at, 0)";

std::string Select(const std::string& where) {
  return std::string("SELECT ") + kColumns +
         " FROM api_keys k LEFT JOIN users u ON u.id = k.user_id " + where;
}

ApiKey ToKey(const store::Row& r) {
  ApiKey k;
  k.id = r.Int(0);
  k.kind = ParseApiKeyKind(r.Text(1)).value_or(ApiKeyKind::kContent);
  k.name = r.Text(2);
  k.hint = r.Text(3);
  k.scopes = static_cast<uint32_t>(r.Int(4));
  k.user_id = r.OptionalInt(5).value_or(0);
  k.user_email = r.Text(6);
  k.created_at = r.Int(7);
  k.last_used_at = r.Int(8);
  k.revoked_at = r.Int(9);
  return k;
}

}  // namespace

core::Result<ApiKey> ApiKeyStore::Insert(const ApiKey& key, const std::string& fingerprint,
                                         int64_t created_by) {
  auto row = db_.WriteOne(
      "INSERT INTO api_keys (kind, name, hint, fingerprint, scopes, user_id, created_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {std::string(ApiKeyKindName(key.kind)), key.name, key.hint, fingerprint, int64_t{key.scopes},
       store::OrNull(key.user_id ? std::optional<int64_t>(key.user_id) : std::nullopt),
       store::OrNull(created_by ? std::optional<int64_t>(created_by) : std::nullopt),
       key.created_at});
  if (!row.ok()) return row.error();
  ApiKey out = key;
  out.id = row->Int(0);
  return out;
}

core::Result<std::optional<ApiKey>> ApiKeyStore::FindInForce(const std::string& fingerprint) {
  static const std::string sql = Select("WHERE k.fingerprint = ? AND k.revoked_at IS NULL");
  auto rows = db_.Query(sql, {fingerprint});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<ApiKey>();
  return std::optional<ApiKey>(ToKey(rows->front()));
}

core::Result<std::vector<ApiKey>> ApiKeyStore::Page(int64_t before, int limit) {
  static const std::string sql = Select("WHERE k.id < ? ORDER BY k.id DESC LIMIT ?");
  auto rows = db_.Query(sql, {before > 0 ? before : INT64_MAX, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<ApiKey> out;
  for (const auto& r : *rows) out.push_back(ToKey(r));
  return out;
}

core::Result<int64_t> ApiKeyStore::Count() {
  auto row = db_.QueryOne("SELECT COUNT(*) FROM api_keys");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<bool> ApiKeyStore::Revoke(int64_t id, int64_t now) {
  return db_.ChangeOne("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                       {now, id});
}

core::Result<void> ApiKeyStore::MarkUsed(int64_t id, int64_t now, int64_t since) {
  return db_.Run(
      "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND COALESCE(last_used_at, 0) < ?",
      {now, id, since});
}

}  // namespace dateline::accounts
