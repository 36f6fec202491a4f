#pragma once
// Periodic cleanup of what expires: sessions, spent codes, old rate-limit windows, sent
// mail. Runs on its own thread every `interval`; with several nodes each does it, which
// is harmless (the deletes are idempotent).

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "accounts/account_service.hpp"
#include "core/clock.hpp"
#include "jobs/periodic.hpp"
#include "mail/outbox_store.hpp"
#include "ratelimit/rate_limiter.hpp"

namespace dateline::jobs {

class Housekeeping {
 public:
  Housekeeping(accounts::AccountService& accounts, ratelimit::RateLimiter& limiter,
               mail::Outbox& outbox, const core::Clock& clock, std::chrono::seconds interval);
  // Another domain's cleanup, run on every pass (before Start).
  void Also(std::string what, std::function<core::Result<int64_t>()> prune) {
    extra_.emplace_back(std::move(what), std::move(prune));
  }
  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }
  // One pass, on the caller's thread; returns the rows removed.
  int64_t RunOnce();

 private:
  accounts::AccountService& accounts_;
  ratelimit::RateLimiter& limiter_;
  mail::Outbox& outbox_;
  const core::Clock& clock_;
  std::vector<std::pair<std::string, std::function<core::Result<int64_t>()>>> extra_;
  Periodic loop_;  // last: its thread uses the members above
};

}  // namespace dateline::jobs
