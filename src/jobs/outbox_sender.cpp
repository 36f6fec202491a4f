#include "jobs/outbox_sender.hpp"

#include <spdlog/spdlog.h>

#include <cmath>

#include "core/crypto.hpp"

namespace dateline::jobs {

OutboxSender::OutboxSender(mail::Outbox& outbox, mail::Transport& transport, mail::Sender sender,
                           const core::Clock& clock, std::chrono::milliseconds interval)
    : outbox_(outbox),
      transport_(transport),
      sender_(std::move(sender)),
      clock_(clock),
      loop_(interval, [this] { return RunOnce() > 0; }) {}

int OutboxSender::RunOnce() {
  int64_t now = clock_.NowSeconds();
  // The lease covers every send of the batch at its slowest, so another node never takes
  // a message this one may still be sending; a send is started only while that holds.
  auto per_send = static_cast<int64_t>(std::ceil(transport_.MaxSendSeconds()));
  int64_t lease = kBatch * per_send + kLeaseMargin;
  int64_t lease_end = now + lease;
  auto batch = outbox_.Claim(now, kBatch, lease);
  if (!batch.ok()) {
    spdlog::warn("outbox: cannot claim messages: {}", batch.error().message);
    return 0;
  }
  int sent = 0;
  for (const auto& entry : *batch) {
    if (clock_.NowSeconds() + per_send + kLeaseMargin / 2 > lease_end) {
      (void)outbox_.Release(entry.id);  // no time left under this lease: next round
      continue;
    }
    std::string id = core::RandomToken(18) + "@" + sender_.message_id_domain;
    std::string raw = mail::FormatRfc5322(entry.message, sender_, now, id);
    if (signer_) {
      auto signed_raw = signer_->Sign(raw, now);
      if (signed_raw.ok()) raw = std::move(*signed_raw);
    }
    auto result = transport_.Send(sender_.from_address, entry.message.to, raw);
    if (result.ok()) {
      (void)outbox_.MarkSent(entry.id, clock_.NowSeconds());
      ++sent;
      continue;
    }
    std::optional<int64_t> retry;
    if (entry.attempts < kMaxAttempts) retry = now + (int64_t{30} << (entry.attempts - 1));
    spdlog::warn("outbox: message {} to {} failed (try {}): {}{}", entry.id, entry.message.to,
                 entry.attempts, result.error().message, retry ? "" : "; giving up");
    (void)outbox_.MarkFailed(entry.id, result.error().message, clock_.NowSeconds(), retry);
  }
  return sent;
}

}  // namespace dateline::jobs
