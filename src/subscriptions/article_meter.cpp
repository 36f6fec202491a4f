#include "subscriptions/article_meter.hpp"

#include "subscriptions/subscription_store.hpp"

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
    DL_TRY(tx.TakeTurns("meter", user_id));
    auto opened = SubscriptionStore::OpenedAt(tx, user_id, article_id);
    if (!opened.ok()) return opened.error();
    bool again = *opened && **opened > since;
    auto counted = SubscriptionStore::OpenedSince(tx, user_id, since);
    if (!counted.ok()) return counted.error();
    int64_t used = *counted;
    if (again) {
      d.allowed = true;
    } else if (used < allowance_) {
      d.allowed = true;
      ++used;
      DL_TRY(SubscriptionStore::RecordOpen(tx, user_id, article_id, now));
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
  auto opened = SubscriptionStore::OpenedAt(db_, user_id, article_id);
  if (!opened.ok()) return opened.error();
  auto counted = SubscriptionStore::OpenedSince(db_, user_id, since);
  if (!counted.ok()) return counted.error();
  d.allowed = *opened && **opened > since;
  d.remaining = static_cast<int>(std::max<int64_t>(0, allowance_ - *counted));
  return d;
}

core::Result<int64_t> ArticleMeter::Prune() {
  return SubscriptionStore::ForgetOpensBefore(db_, clock_.NowSeconds() - kWindowSeconds);
}

}  // namespace dateline::subscriptions
