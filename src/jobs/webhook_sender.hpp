#pragma once
// Delivers what the webhook outbox holds: claims due deliveries, POSTs each signed
// (webhooks/signature.hpp) to its endpoint, and marks it delivered on a 2xx; anything else
// is tried again after 30 s, 1 min, 2 min, ... up to 8 tries, then given up and logged.
// Runs on its own thread.

#include <chrono>

#include "core/clock.hpp"
#include "jobs/periodic.hpp"
#include "webhooks/poster.hpp"
#include "webhooks/webhook_store.hpp"

namespace dateline::jobs {

class WebhookSender {
 public:
  WebhookSender(store::Db& db, webhooks::Poster& poster, const core::Clock& clock,
                std::chrono::milliseconds interval);
  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }
  void Poke() { loop_.Poke(); }
  // Delivers what is due now, on the caller's thread (tests, and the loop itself).
  int RunOnce();

  static constexpr int kMaxAttempts = 8;
  static constexpr int kBatch = 10;
  static constexpr int64_t kLeaseMargin = 30;

 private:
  webhooks::WebhookStore store_;
  webhooks::Poster& poster_;
  const core::Clock& clock_;
  Periodic loop_;  // last: its thread uses the members above
};

}  // namespace dateline::jobs
