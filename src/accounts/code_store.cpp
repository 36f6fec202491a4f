#include "accounts/code_store.hpp"

namespace dateline::accounts {
core::Result<void> CodeStore::QueueReset(store::Executor& x, const std::string& email,
                                         const std::string& ip, int64_t now) {
  return x.Run("INSERT INTO reset_requests (email, ip, created_at) VALUES (?, ?, ?)",
               {email, ip, now});
}

core::Result<std::vector<QueuedReset>> CodeStore::QueuedResets(store::Executor& x, int limit) {
  auto rows = x.Query("SELECT id, email, ip, created_at FROM reset_requests ORDER BY id LIMIT ?",
                      {int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<QueuedReset> out;
  for (const auto& r : *rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3)});
  return out;
}

core::Result<bool> CodeStore::ClaimReset(store::Executor& tx, int64_t request_id) {
  return tx.ChangeOne("DELETE FROM reset_requests WHERE id = ?", {request_id});
}

core::Result<void> CodeStore::ReplaceResetCode(store::Executor& tx, int64_t user_id,
                                               const std::string& hash, int64_t expires_at,
                                               int64_t now) {
  DL_TRY(tx.Run("UPDATE reset_codes SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                {now, user_id}));
  return tx.Run(
      "INSERT INTO reset_codes (user_id, code_hash, expires_at, created_at) VALUES (?, ?, ?, ?)",
      {user_id, hash, expires_at, now});
}

core::Result<std::optional<PendingCode>> CodeStore::LatestResetCode(store::Executor& x,
                                                                    int64_t user_id) {
  auto rows = x.Query(
      "SELECT id, code_hash FROM reset_codes WHERE user_id = ? AND used_at IS NULL "
      "ORDER BY id DESC LIMIT 1",
      {user_id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<PendingCode>();
  return std::optional<PendingCode>(PendingCode{rows->front().Int(0), rows->front().Text(1), ""});
}

core::Result<bool> CodeStore::TryResetCode(store::Executor& x, int64_t code_id, int64_t max_tries,
                                           int64_t now) {
  return x.ChangeOne(
      "UPDATE reset_codes SET attempts = attempts + 1, "
      "used_at = CASE WHEN attempts + 1 >= ? THEN ? ELSE used_at END "
      "WHERE id = ? AND used_at IS NULL AND attempts < ? AND expires_at > ?",
      {max_tries, now, code_id, max_tries, now});
}

core::Result<bool> CodeStore::RedeemResetCode(store::Executor& tx, int64_t code_id,
                                              int64_t max_tries, int64_t now) {
  // The last allowed try has set used_at already, and stays the only one that may redeem.
  return tx.ChangeOne(
      "UPDATE reset_codes SET used_at = ?, attempts = ? WHERE id = ? AND "
      "(used_at IS NULL OR attempts = ?)",
      {now, max_tries + 1, code_id, max_tries});
}

core::Result<void> CodeStore::ReplaceVerification(store::Executor& tx, int64_t user_id,
                                                  const std::string& email,
                                                  const std::string& token_hash,
                                                  const std::string& code_hash, int64_t expires_at,
                                                  int64_t now) {
  DL_TRY(tx.Run("UPDATE email_verifications SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                {now, user_id}));
  return tx.Run(
      "INSERT INTO email_verifications (user_id, email, token_hash, code_hash, expires_at, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?)",
      {user_id, email, token_hash, code_hash, expires_at, now});
}

core::Result<std::optional<VerificationLink>> CodeStore::VerificationByToken(
    store::Executor& x, const std::string& token_hash) {
  auto rows = x.Query(
      "SELECT v.id, v.user_id, v.email, v.used_at, v.expires_at, u.email, "
      "u.email_verified_at FROM email_verifications v JOIN users u ON u.id = v.user_id "
      "WHERE v.token_hash = ?",
      {token_hash});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<VerificationLink>();
  const store::Row& r = rows->front();
  return std::optional<VerificationLink>(VerificationLink{
      r.Int(0), r.Int(1), r.Text(2), !r.IsNull(3), r.Int(4), r.Text(5), !r.IsNull(6)});
}

core::Result<std::optional<PendingCode>> CodeStore::LatestVerificationCode(store::Executor& x,
                                                                           int64_t user_id,
                                                                           int64_t now) {
  auto rows = x.Query(
      "SELECT id, code_hash, email FROM email_verifications WHERE user_id = ? AND "
      "used_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1",
      {user_id, now});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<PendingCode>();
  const store::Row& r = rows->front();
  return std::optional<PendingCode>(PendingCode{r.Int(0), r.Text(1), r.Text(2)});
}

core::Result<bool> CodeStore::TryVerificationCode(store::Executor& x, int64_t id,
                                                  int64_t max_tries) {
  return x.ChangeOne(
      "UPDATE email_verifications SET attempts = attempts + 1 WHERE id = ? AND used_at IS NULL "
      "AND attempts < ?",
      {id, max_tries});
}

core::Result<bool> CodeStore::UseVerification(store::Executor& tx, int64_t id, int64_t now) {
  return tx.ChangeOne("UPDATE email_verifications SET used_at = ? WHERE id = ? AND used_at IS NULL",
                      {now, id});
}

core::Result<int64_t> CodeStore::Prune(store::Executor& x, int64_t cutoff) {
  int64_t removed = 0;
  for (const char* sql : {"DELETE FROM reset_codes WHERE expires_at < ? OR used_at < ?",
                          "DELETE FROM email_verifications WHERE expires_at < ? OR used_at < ?"}) {
    auto r = x.Execute(sql, {cutoff, cutoff});
    if (!r.ok()) return r.error();
    removed += *r;
  }
  return removed;
}

}  // namespace dateline::accounts
