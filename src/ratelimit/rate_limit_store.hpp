#pragma once
// The rate_limits table and its SQL: one row per bucket, counting hits in its current
// window.

#include <cstdint>
#include <string>

#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::ratelimit {

class RateLimitStore {
 public:
  // Counts a hit in the window starting at `window_start` (a new window starts the count
  // again), in one statement atomic on both stores; the hits so far, this one included.
  static core::Result<int64_t> CountHit(store::Executor& x, const std::string& bucket,
                                        int64_t window_start);
  // Hits counted in that window (0 when none).
  static core::Result<int64_t> Hits(store::Executor& x, const std::string& bucket,
                                    int64_t window_start);
  static core::Result<void> Forget(store::Executor& x, const std::string& bucket);
  // Forgets every bucket whose name starts with `prefix` (taken literally).
  static core::Result<void> ForgetPrefix(store::Executor& x, const std::string& prefix);
  static core::Result<int64_t> ForgetWindowsBefore(store::Executor& x, int64_t before);
};

}  // namespace dateline::ratelimit
