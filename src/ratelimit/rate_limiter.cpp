#include "ratelimit/rate_limiter.hpp"

namespace dateline::ratelimit {

core::Result<bool> RateLimiter::Hit(const std::string& bucket, const Limit& limit) {
  int64_t now = clock_.NowSeconds();
  int64_t window_start = now - now % limit.window_seconds;
  // One statement, atomic on both stores: a new window starts the count again.
  auto row = db_.WriteOne(
      "INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?, ?, 1) "
      "ON CONFLICT (bucket) DO UPDATE SET "
      "hits = CASE WHEN rate_limits.window_start = excluded.window_start "
      "THEN rate_limits.hits + 1 ELSE 1 END, "
      "window_start = excluded.window_start RETURNING hits",
      {bucket, window_start});
  if (!row.ok()) return row.error();
  return row->Int(0) <= limit.max_hits;
}

core::Result<bool> RateLimiter::WouldAllow(const std::string& bucket, const Limit& limit) {
  int64_t now = clock_.NowSeconds();
  int64_t window_start = now - now % limit.window_seconds;
  auto rows = db_.Query("SELECT hits FROM rate_limits WHERE bucket = ? AND window_start = ?",
                        {bucket, window_start});
  if (!rows.ok()) return rows.error();
  return rows->empty() || rows->front().Int(0) < limit.max_hits;
}

core::Result<void> RateLimiter::Reset(const std::string& bucket) {
  auto r = db_.Execute("DELETE FROM rate_limits WHERE bucket = ?", {bucket});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<void> RateLimiter::ResetPrefix(const std::string& prefix) {
  std::string pattern;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '!') pattern += '!';
    pattern += c;
  }
  auto r = db_.Execute("DELETE FROM rate_limits WHERE bucket LIKE ? ESCAPE '!'", {pattern + "%"});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<int64_t> RateLimiter::Prune(int64_t before) {
  return db_.Execute("DELETE FROM rate_limits WHERE window_start < ?", {before});
}

}  // namespace dateline::ratelimit
