#pragma once
// Sends what the outbox holds: claims due messages, hands them to the transport, marks
// them sent, or schedules a retry with exponential backoff (30 s, 1 min, 2 min, ... up to
// 8 tries, then gives up and logs). Runs on its own thread.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "mail/message.hpp"
#include "mail/outbox.hpp"
#include "mail/transport.hpp"

namespace dateline::jobs {

class OutboxSender {
 public:
  OutboxSender(mail::Outbox& outbox, mail::Transport& transport, mail::Sender sender,
               const core::Clock& clock, std::chrono::milliseconds interval);
  ~OutboxSender();
  void Start();
  void Stop();
  // Sends what is due now, on the caller's thread (tests, and the loop itself).
  int RunOnce();

  static constexpr int kMaxAttempts = 8;

 private:
  void Loop();

  mail::Outbox& outbox_;
  mail::Transport& transport_;
  mail::Sender sender_;
  const core::Clock& clock_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace dateline::jobs
