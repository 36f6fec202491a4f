#include "jobs/outbox_sender.hpp"

#include <spdlog/spdlog.h>

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
  auto batch = outbox_.Claim(now, 20, 120);
  if (!batch.ok()) {
    spdlog::warn("outbox: cannot claim messages: {}", batch.error().message);
    return 0;
  }
  int sent = 0;
  for (const auto& entry : *batch) {
    std::string id = core::RandomToken(18) + "@" + sender_.message_id_domain;
    std::string raw = mail::FormatRfc5322(entry.message, sender_, now, id);
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
