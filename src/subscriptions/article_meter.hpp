#pragma once
// The meter: a signed-in reader without a subscription may open a few subscriber articles
// per 30 days (`paywall_meter`; 0 turns it off). Counted in the store, so every node and
// every device of the reader see one count; opening the same article again is free.

#include <cstdint>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::subscriptions {

struct MeterDecision {
  bool allowed = false;
  int remaining = 0;  // free articles left in the window after this one
  int allowance = 0;
};

class ArticleMeter {
 public:
  static constexpr int64_t kWindowSeconds = 30 * 86400;

  ArticleMeter(store::Db& db, const core::Clock& clock, int allowance)
      : db_(db), clock_(clock), allowance_(allowance) {}

  bool enabled() const { return allowance_ > 0; }
  // Counts the article against the reader's allowance if it fits (and was not opened in
  // the window already).
  core::Result<MeterDecision> Open(int64_t user_id, int64_t article_id);
  // The same decision without counting anything: allowed only for an article already
  // opened in the window (for HEAD and the API, which must not spend the allowance).
  core::Result<MeterDecision> Peek(int64_t user_id, int64_t article_id);
  // Forgets reads older than the window (housekeeping).
  core::Result<int64_t> Prune();

 private:
  store::Db& db_;
  const core::Clock& clock_;
  int allowance_;
};

}  // namespace dateline::subscriptions
