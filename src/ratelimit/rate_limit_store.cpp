#include "ratelimit/rate_limit_store.hpp"

namespace dateline::ratelimit {

core::Result<int64_t> RateLimitStore::CountHit(store::Executor& x, const std::string& bucket,
                                               int64_t window_start) {
  auto row = x.WriteOne(
      "INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?, ?, 1) "
      "ON CONFLICT (bucket) DO UPDATE SET "
      "hits = CASE WHEN rate_limits.window_start = excluded.window_start "
      "THEN rate_limits.hits + 1 ELSE 1 END, "
      "window_start = excluded.window_start RETURNING hits",
      {bucket, window_start});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<int64_t> RateLimitStore::Hits(store::Executor& x, const std::string& bucket,
                                           int64_t window_start) {
  auto rows = x.Query("SELECT hits FROM rate_limits WHERE bucket = ? AND window_start = ?",
                      {bucket, window_start});
  if (!rows.ok()) return rows.error();
  return rows->empty() ? 0 : rows->front().Int(0);
}

core::Result<void> RateLimitStore::Forget(store::Executor& x, const std::string& bucket) {
  auto r = x.Execute("DELETE FROM rate_limits WHERE bucket = ?", {bucket});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<void> RateLimitStore::ForgetPrefix(store::Executor& x, const std::string& prefix) {
  std::string pattern;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '!') pattern += '!';
    pattern += c;
  }
  auto r = x.Execute("DELETE FROM rate_limits WHERE bucket LIKE ? ESCAPE '!'", {pattern + "%"});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<int64_t> RateLimitStore::ForgetWindowsBefore(store::Executor& x, int64_t before) {
  return x.Execute("DELETE FROM rate_limits WHERE window_start < ?", {before});
}

}  // namespace dateline::ratelimit
