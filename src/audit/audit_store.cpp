#include "audit/audit_store.hpp"

namespace dateline::audit {

core::Result<void> Record(store::Executor& db, const Event& e) {
  store::Value user = e.user_id ? store::Value(*e.user_id) : store::Value(nullptr);
  auto r = db.Execute(
      "INSERT INTO audit_log (user_id, event, ip, detail, created_at) VALUES (?, ?, ?, ?, ?)",
      {user, e.kind, e.ip, e.detail, e.at});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<std::vector<Event>> ForUser(store::Executor& db, int64_t user_id, int limit) {
  auto rows = db.Query(
      "SELECT user_id, event, ip, detail, created_at FROM audit_log WHERE user_id = ? "
      "ORDER BY id DESC LIMIT ?",
      {user_id, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<Event> out;
  for (const auto& r : *rows)
    out.push_back({r.OptionalInt(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4)});
  return out;
}

core::Result<bool> HasEventFrom(store::Executor& db, int64_t user_id, std::string_view kind,
                                std::string_view ip) {
  auto rows = db.Query("SELECT 1 FROM audit_log WHERE user_id = ? AND event = ? AND ip = ? LIMIT 1",
                       {user_id, std::string(kind), std::string(ip)});
  if (!rows.ok()) return rows.error();
  return !rows->empty();
}

}  // namespace dateline::audit
