#pragma once
// Fixed-window rate limits kept in the store, so they hold across nodes and restarts.
// A bucket is any string ("login-ip:203.0.113.9"); callers hash what should not be
// stored in clear (emails).

#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::ratelimit {

struct Limit {
  int64_t max_hits;
  int64_t window_seconds;
};

class RateLimiter {
 public:
  RateLimiter(store::Db& db, const core::Clock& clock) : db_(db), clock_(clock) {}

  // Counts one hit; true while the bucket is within its limit (this hit included).
  core::Result<bool> Hit(const std::string& bucket, const Limit& limit);
  // The same inside the caller's transaction (counted with what else it records).
  core::Result<bool> Hit(store::Executor& tx, const std::string& bucket, const Limit& limit);
  // Whether a hit would still be allowed, without counting one.
  core::Result<bool> WouldAllow(const std::string& bucket, const Limit& limit);
  // Forgets a bucket (a successful login clears its failures).
  core::Result<void> Reset(const std::string& bucket);
  // Forgets every bucket whose name starts with `prefix`.
  core::Result<void> ResetPrefix(const std::string& prefix);
  // Drops buckets whose window started before `before` (they count nothing any more).
  core::Result<int64_t> Prune(int64_t before);

 private:
  store::Db& db_;
  const core::Clock& clock_;
};

}  // namespace dateline::ratelimit
