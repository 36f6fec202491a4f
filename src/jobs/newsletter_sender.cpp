#include "jobs/newsletter_sender.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <thread>

namespace dateline::jobs {

NewsletterSender::NewsletterSender(newsletters::DeliveryService& deliveries,
                                   mail::Transport& transport, const core::Clock& clock,
                                   NewsletterSenderSettings settings,
                                   std::chrono::milliseconds interval)
    : deliveries_(deliveries),
      transport_(transport),
      clock_(clock),
      settings_(std::move(settings)),
      loop_(interval, [this] { return RunOnce() > 0; }) {}

bool NewsletterSender::WaitForRate() {
  double per_second = static_cast<double>(settings_.per_minute) / 60.0;
  double capacity = std::max(1.0, per_second);  // at most a second's worth at once
  for (;;) {
    auto now = std::chrono::steady_clock::now();
    if (refilled_ == std::chrono::steady_clock::time_point{}) {
      tokens_ = capacity;
    } else {
      std::chrono::duration<double> elapsed = now - refilled_;
      tokens_ = std::min(capacity, tokens_ + elapsed.count() * per_second);
    }
    refilled_ = now;
    if (tokens_ >= 1.0) {
      tokens_ -= 1.0;
      return true;
    }
    if (loop_.Stopping()) return false;
    double wait = (1.0 - tokens_) / per_second;
    std::this_thread::sleep_for(std::chrono::duration<double>(std::min(wait, 0.1)));
  }
}

bool NewsletterSender::DomainAllows(const std::string& email, int64_t now) {
  if (settings_.per_domain_per_minute <= 0) return true;
  int64_t minute = now / 60;
  if (minute != domain_minute_) {
    domain_minute_ = minute;
    domain_counts_.clear();  // bounded: one minute's domains
  }
  std::string domain = email.substr(email.rfind('@') + 1);
  int64_t& count = domain_counts_[domain];
  if (count >= settings_.per_domain_per_minute) return false;
  ++count;
  return true;
}

int NewsletterSender::RunOnce() {
  if (!released_own_claims_) {
    // Nothing of this node's can be in flight before its first round: what it claimed
    // before a crash is free to send again (the relay's copy, if it got one before the
    // crash, carries the same Message-ID).
    auto released = deliveries_.ReleaseClaimsOf(settings_.node);
    if (!released.ok()) {
      spdlog::warn("newsletters: cannot release this node's claims: {}", released.error().message);
      return 0;
    }
    if (*released > 0) spdlog::info("newsletters: resumed {} unsent copies", *released);
    released_own_claims_ = true;
  }
  bool queued_any = false;
  for (;;) {
    auto queued = deliveries_.QueueDue();
    if (!queued.ok()) {
      spdlog::warn("newsletters: cannot queue an issue: {}", queued.error().message);
      break;
    }
    if (!*queued) break;
    queued_any = true;
    spdlog::info("newsletters: issue {} queued for {} recipients", (*queued)->id,
                 (*queued)->recipients);
  }
  auto per_send = static_cast<int64_t>(std::ceil(transport_.MaxSendSeconds()));
  int64_t lease = kBatch * per_send + kLeaseMargin;
  int64_t lease_end = clock_.NowSeconds() + lease;
  auto batch = deliveries_.Claim(settings_.node, kBatch, lease);
  if (!batch.ok()) {
    spdlog::warn("newsletters: cannot claim deliveries: {}", batch.error().message);
    return 0;
  }
  int settled = 0;
  for (const auto& delivery : *batch) {
    int64_t now = clock_.NowSeconds();
    if (now + per_send + kLeaseMargin / 2 > lease_end || loop_.Stopping()) {
      (void)deliveries_.Release(delivery.id, std::nullopt);  // the next round
      continue;
    }
    if (!DomainAllows(delivery.email, now)) {
      (void)deliveries_.Release(delivery.id, (now / 60 + 1) * 60);  // the next minute
      continue;
    }
    auto prepared = deliveries_.Prepare(delivery);
    if (!prepared.ok()) {
      spdlog::warn("newsletters: delivery {}: {}", delivery.id, prepared.error().message);
      (void)deliveries_.RecordFailure(delivery.id, prepared.error().message, now + 300);
      continue;
    }
    if (!prepared->copy) {
      (void)deliveries_.RecordSkipped(delivery.id, prepared->skip_reason);
      ++settled;
      continue;
    }
    if (!WaitForRate()) {
      (void)deliveries_.Release(delivery.id, std::nullopt);
      continue;
    }
    auto& copy = *prepared->copy;
    if (signer_) {
      auto signed_raw = signer_->Sign(copy.raw, now);
      if (!signed_raw.ok()) {
        (void)deliveries_.RecordFailure(delivery.id, signed_raw.error().message, now + 300);
        continue;
      }
      copy.raw = std::move(*signed_raw);
    }
    auto sent = transport_.Send(copy.envelope_from, copy.to, copy.raw);
    if (sent.ok()) {
      auto recorded = deliveries_.RecordSent(delivery.id);
      if (!recorded.ok()) {
        spdlog::error("newsletters: delivery {} sent but not recorded: {}", delivery.id,
                      recorded.error().message);
      }
      ++settled;
      continue;
    }
    bool permanent = sent.error().code == core::ErrorCode::kInvalidArgument;
    std::optional<int64_t> retry;
    if (!permanent && delivery.attempts < kMaxAttempts) {
      retry = clock_.NowSeconds() + (settings_.retry_seconds << (delivery.attempts - 1));
    }
    spdlog::warn("newsletters: delivery {} to {} failed (try {}): {}{}", delivery.id, copy.to,
                 delivery.attempts, sent.error().message, retry ? "" : "; giving up");
    (void)deliveries_.RecordFailure(delivery.id, sent.error().message, retry);
    if (!retry) ++settled;
  }
  if (!batch->empty() || queued_any) {
    auto finished = deliveries_.FinishIssues();
    if (!finished.ok()) spdlog::warn("newsletters: {}", finished.error().message);
  }
  return settled;
}

}  // namespace dateline::jobs
