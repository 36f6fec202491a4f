#pragma once
// Sends newsletter issues: queues each issue when its time comes (one delivery row per
// recipient, in one transaction), then claims deliveries a batch at a time under a lease
// and hands each copy to the transport on one reused connection, at no more than the
// configured rate (and per-domain ceiling). Each copy is recorded the moment the relay
// accepts it, so a process killed mid-batch resumes where it stopped: on restart a node
// gives back its own claims and sends what was not recorded. Retries with backoff on a
// temporary refusal (4xx), none on a permanent one (5xx). What a copy says and whether it
// goes is the newsletters domain's call (DeliveryService::Prepare).

#include <chrono>
#include <map>
#include <string>

#include "core/clock.hpp"
#include "jobs/periodic.hpp"
#include "mail/dkim.hpp"
#include "mail/transport.hpp"
#include "newsletters/delivery_service.hpp"

namespace dateline::jobs {

struct NewsletterSenderSettings {
  std::string node;                   // this node's name, on its claims
  int64_t per_minute = 60000;         // messages a minute, at most
  int64_t per_domain_per_minute = 0;  // to one recipient domain; 0: no ceiling
  int64_t retry_seconds = 60;         // the first retry's wait; doubled each time
};

class NewsletterSender {
 public:
  NewsletterSender(newsletters::DeliveryService& deliveries, mail::Transport& transport,
                   const core::Clock& clock, NewsletterSenderSettings settings,
                   std::chrono::milliseconds interval);
  // Signs every copy from now on (before Start).
  void SetSigner(const mail::DkimSigner* signer) { signer_ = signer; }
  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }
  // One round on the caller's thread: queue what is due, send one batch. How many
  // deliveries it settled.
  int RunOnce();

  static constexpr int kBatch = 20;
  static constexpr int kMaxAttempts = 6;       // then failed for good
  static constexpr int64_t kLeaseMargin = 60;  // seconds on top of the slowest sends

 private:
  // Waits until the rate allows one more message; false when stopping meanwhile.
  bool WaitForRate();
  bool DomainAllows(const std::string& email, int64_t now);

  newsletters::DeliveryService& deliveries_;
  mail::Transport& transport_;
  const core::Clock& clock_;
  NewsletterSenderSettings settings_;
  const mail::DkimSigner* signer_ = nullptr;
  bool released_own_claims_ = false;
  // A token bucket over a steady clock: tokens refill at per_minute / 60 a second.
  double tokens_ = 0;
  std::chrono::steady_clock::time_point refilled_{};
  // Messages per recipient domain in the current minute.
  int64_t domain_minute_ = 0;
  std::map<std::string, int64_t> domain_counts_;
  Periodic loop_;  // last: its thread uses the members above
};

}  // namespace dateline::jobs
