#include "jobs/housekeeping.hpp"

#include <spdlog/spdlog.h>

namespace dateline::jobs {

Housekeeping::Housekeeping(accounts::AccountService& accounts, ratelimit::RateLimiter& limiter,
                           mail::Outbox& outbox, const core::Clock& clock,
                           std::chrono::seconds interval)
    : accounts_(accounts),
      limiter_(limiter),
      outbox_(outbox),
      clock_(clock),
      loop_(interval, [this] {
        RunOnce();
        return false;
      }) {}

int64_t Housekeeping::RunOnce() {
  int64_t now = clock_.NowSeconds();
  int64_t removed = 0;
  auto warn = [](const char* what, const core::Error& e) {
    spdlog::warn("housekeeping: {}: {}", what, e.message);
  };
  if (auto r = accounts_.PruneExpired(); r.ok())
    removed += *r;
  else
    warn("accounts", r.error());
  if (auto r = limiter_.Prune(now - 86400); r.ok())
    removed += *r;
  else
    warn("rate limits", r.error());
  if (auto r = outbox_.Prune(now - 30 * 86400); r.ok())
    removed += *r;
  else
    warn("outbox", r.error());
  for (const auto& [what, prune] : extra_) {
    if (auto r = prune(); r.ok())
      removed += *r;
    else
      warn(what.c_str(), r.error());
  }
  if (removed > 0) spdlog::info("housekeeping: removed {} expired rows", removed);
  return removed;
}

}  // namespace dateline::jobs
