#include "subscriptions/article_meter.hpp"

namespace dateline::subscriptions {

core::Result<MeterDecision> ArticleMeter::Open(int64_t user_id, int64_t article_id) {
  MeterDecision d;
  d.allowance = allowance_;
  if (allowance_ <= 0) return d;
  int64_t now = clock_.NowSeconds();
  int64_t since = now - kWindowSeconds;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    // One reader's opens are counted one at a time, so two tabs cannot both take the last
    // free article (SQLite already serializes writers).
    DL_TRY(tx.LockRow("users", user_id));
    auto opened = tx.Query("SELECT read_at FROM meter_reads WHERE user_id = ? AND article_id = ?",
                           {user_id, article_id});
    if (!opened.ok()) return opened.error();
    bool again = !opened->empty() && opened->front().Int(0) > since;
    auto counted = tx.QueryOne("SELECT COUNT(*) FROM meter_reads WHERE user_id = ? AND read_at > ?",
                               {user_id, since});
    if (!counted.ok()) return counted.error();
    int64_t used = counted->Int(0);
    if (again) {
      d.allowed = true;
    } else if (used < allowance_) {
      d.allowed = true;
      ++used;
      auto write = tx.Execute(
          "INSERT INTO meter_reads (user_id, article_id, read_at) VALUES (?, ?, ?) "
          "ON CONFLICT (user_id, article_id) DO UPDATE SET read_at = excluded.read_at",
          {user_id, article_id, now});
      if (!write.ok()) return write.error();
    }
    d.remaining = static_cast<int>(std::max<int64_t>(0, allowance_ - used));
    return {};
  });
  if (!status.ok()) return status.error();
  return d;
}

core::Result<MeterDecision> ArticleMeter::Peek(int64_t user_id, int64_t article_id) {
  MeterDecision d;
  d.allowance = allowance_;
  if (allowance_ <= 0) return d;
  int64_t since = clock_.NowSeconds() - kWindowSeconds;
  auto opened = db_.Query(
      "SELECT read_at FROM meter_reads WHERE user_id = ? AND article_id = ? AND read_at > ?",
      {user_id, article_id, since});
  if (!opened.ok()) return opened.error();
  auto counted = db_.QueryOne("SELECT COUNT(*) FROM meter_reads WHERE user_id = ? AND read_at > ?",
                              {user_id, since});
  if (!counted.ok()) return counted.error();
  d.allowed = !opened->empty();
  d.remaining = static_cast<int>(std::max<int64_t>(0, allowance_ - counted->Int(0)));
  return d;
}

core::Result<int64_t> ArticleMeter::Prune() {
  return db_.Execute("DELETE FROM meter_reads WHERE read_at <= ?",
                     {clock_.NowSeconds() - kWindowSeconds});
}

}  // namespace dateline::subscriptions
