#pragma once
// Sends what the outbox holds: claims due messages, hands them to the transport, marks
// them sent, or schedules a retry with exponential backoff (30 s, 1 min, 2 min, ... up to
// 8 tries, then gives up and logs). Runs on its own thread.

#include <chrono>

#include "core/clock.hpp"
#include "jobs/periodic.hpp"
#include "mail/dkim.hpp"
#include "mail/message.hpp"
#include "mail/outbox_store.hpp"
#include "mail/transport.hpp"

namespace dateline::jobs {

class OutboxSender {
 public:
  OutboxSender(mail::Outbox& outbox, mail::Transport& transport, mail::Sender sender,
               const core::Clock& clock, std::chrono::milliseconds interval);
  // Signs every message from now on (before Start).
  void SetSigner(const mail::DkimSigner* signer) { signer_ = signer; }
  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }
  // Sends what is due now, on the caller's thread (tests, and the loop itself).
  int RunOnce();

  static constexpr int kMaxAttempts = 8;
  static constexpr int kBatch = 10;            // messages claimed at once
  static constexpr int64_t kLeaseMargin = 60;  // seconds on top of the slowest sends

 private:
  mail::Outbox& outbox_;
  mail::Transport& transport_;
  mail::Sender sender_;
  const core::Clock& clock_;
  const mail::DkimSigner* signer_ = nullptr;
  Periodic loop_;  // last: its thread uses the members above
};

}  // namespace dateline::jobs
