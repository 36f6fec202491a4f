#include "ratelimit/rate_limiter.hpp"

#include "ratelimit/rate_limit_store.hpp"

namespace dateline::ratelimit {
namespace {

int64_t WindowStart(int64_t now, const Limit& limit) { return now - now % limit.window_seconds; }

}  // namespace

core::Result<bool> RateLimiter::Hit(const std::string& bucket, const Limit& limit) {
  return Hit(db_, bucket, limit);
}

core::Result<bool> RateLimiter::Hit(store::Executor& tx, const std::string& bucket,
                                    const Limit& limit) {
  auto hits = RateLimitStore::CountHit(tx, bucket, WindowStart(clock_.NowSeconds(), limit));
  if (!hits.ok()) return hits.error();
  return *hits <= limit.max_hits;
}

core::Result<bool> RateLimiter::WouldAllow(const std::string& bucket, const Limit& limit) {
  auto hits = RateLimitStore::Hits(db_, bucket, WindowStart(clock_.NowSeconds(), limit));
  if (!hits.ok()) return hits.error();
  return *hits < limit.max_hits;
}

core::Result<void> RateLimiter::Reset(const std::string& bucket) {
  return RateLimitStore::Forget(db_, bucket);
}

core::Result<void> RateLimiter::ResetPrefix(const std::string& prefix) {
  return RateLimitStore::ForgetPrefix(db_, prefix);
}

core::Result<int64_t> RateLimiter::Prune(int64_t before) {
  return RateLimitStore::ForgetWindowsBefore(db_, before);
}

}  // namespace dateline::ratelimit
