#include "mail/outbox_store.hpp"

namespace dateline::mail {
namespace {

// Extra headers travel as "Name: value" lines.
std::string EncodeHeaders(const Message& m) {
  std::string out;
  for (const auto& [k, v] : m.extra_headers)
    out += SanitizeHeaderValue(k) + ": " + SanitizeHeaderValue(v) + "\n";
  return out;
}

std::vector<std::pair<std::string, std::string>> DecodeHeaders(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    size_t colon = line.find(": ");
    if (colon != std::string::npos) out.emplace_back(line.substr(0, colon), line.substr(colon + 2));
    pos = end + 1;
  }
  return out;
}

}  // namespace

core::Result<void> Outbox::Enqueue(store::Executor& tx, const Message& m, int64_t now) {
  auto r = tx.Execute(
      "INSERT INTO outbox (to_address, subject, text_body, html_body, extra_headers, created_at, "
      "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {m.to, m.subject, m.text_body, m.html_body, EncodeHeaders(m), now, now});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<std::vector<OutboxEntry>> Outbox::Claim(int64_t now, int limit,
                                                     int64_t lease_seconds) {
  // Each node claims rows no other holds (the store's SkipLockedClause).
  std::string sql =
      "UPDATE outbox SET claimed_until = ?, attempts = attempts + 1 WHERE id IN ("
      "SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? "
      "AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY id LIMIT ?";
  sql += std::string(db_.SkipLockedClause()) + ")";
  sql += " RETURNING id, to_address, subject, text_body, html_body, extra_headers, attempts";
  std::vector<OutboxEntry> claimed;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto rows = tx.Write(sql, {now + lease_seconds, now, now, int64_t{limit}});
    if (!rows.ok()) return rows.error();
    for (const auto& r : *rows) {
      OutboxEntry e;
      e.id = r.Int(0);
      e.message.to = r.Text(1);
      e.message.subject = r.Text(2);
      e.message.text_body = r.Text(3);
      e.message.html_body = r.Text(4);
      e.message.extra_headers = DecodeHeaders(r.Text(5));
      e.attempts = r.Int(6);
      claimed.push_back(std::move(e));
    }
    return {};
  });
  if (!status.ok()) return status.error();
  std::sort(claimed.begin(), claimed.end(),
            [](const OutboxEntry& a, const OutboxEntry& b) { return a.id < b.id; });
  return claimed;
}

core::Result<void> Outbox::MarkSent(int64_t id, int64_t now) {
  auto r = db_.Execute(
      "UPDATE outbox SET sent_at = ?, claimed_until = NULL, last_error = '', text_body = '', "
      "html_body = '', extra_headers = '' WHERE id = ?",
      {now, id});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<void> Outbox::Release(int64_t id) {
  auto r = db_.Execute(
      "UPDATE outbox SET claimed_until = NULL, attempts = attempts - 1 WHERE id = ? AND "
      "sent_at IS NULL",
      {id});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<void> Outbox::MarkFailed(int64_t id, const std::string& error, int64_t now,
                                      std::optional<int64_t> retry_at) {
  core::Result<int64_t> r =
      retry_at ? db_.Execute(
                     "UPDATE outbox SET next_attempt_at = ?, claimed_until = NULL, "
                     "last_error = ? WHERE id = ?",
                     {*retry_at, error, id})
               : db_.Execute(
                     "UPDATE outbox SET failed_at = ?, claimed_until = NULL, last_error = ?, "
                     "text_body = '', html_body = '', extra_headers = '' WHERE id = ?",
                     {now, error, id});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<int64_t> Outbox::Pending() {
  auto row =
      db_.QueryOne("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<int64_t> Outbox::Prune(int64_t before) {
  return db_.Execute("DELETE FROM outbox WHERE sent_at < ? OR failed_at < ?", {before, before});
}

}  // namespace dateline::mail
