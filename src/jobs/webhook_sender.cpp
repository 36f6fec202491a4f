#include "jobs/webhook_sender.hpp"

#include <spdlog/spdlog.h>

#include "webhooks/signature.hpp"

namespace dateline::jobs {

WebhookSender::WebhookSender(store::Db& db, webhooks::Poster& poster, const core::Clock& clock,
                             std::chrono::milliseconds interval)
    : store_(db),
      poster_(poster),
      clock_(clock),
      loop_(interval, [this] { return RunOnce() > 0; }) {}

int WebhookSender::RunOnce() {
  int64_t now = clock_.NowSeconds();
  int64_t per_post = poster_.MaxSeconds();
  int64_t lease_end = now + kBatch * per_post + kLeaseMargin;
  auto batch = store_.Claim(now, kBatch, lease_end - now);
  if (!batch.ok()) {
    spdlog::warn("webhooks: cannot claim deliveries: {}", batch.error().message);
    return 0;
  }
  int delivered = 0;
  for (const auto& d : *batch) {
    if (clock_.NowSeconds() + per_post + kLeaseMargin / 2 > lease_end) break;  // next round
    int64_t at = clock_.NowSeconds();
    auto status =
        poster_.Post(d.url, d.payload,
                     {{"Content-Type", "application/json; charset=utf-8"},
                      {"Dateline-Event", d.type},
                      {"Dateline-Delivery", std::to_string(d.id)},
                      {"Dateline-Signature", webhooks::SignatureHeader(d.secret, d.payload, at)}});
    if (status.ok() && *status >= 200 && *status < 300) {
      (void)store_.MarkDelivered(d.id, *status, clock_.NowSeconds());
      ++delivered;
      continue;
    }
    std::string error =
        status.ok() ? "answered HTTP " + std::to_string(*status) : status.error().message;
    std::optional<int64_t> retry;
    if (d.attempts < kMaxAttempts) retry = now + (int64_t{30} << (d.attempts - 1));
    spdlog::warn("webhooks: delivery {} of {} to endpoint {} failed (try {}): {}{}", d.id, d.type,
                 d.endpoint_id, d.attempts, error, retry ? "" : "; giving up");
    (void)store_.MarkFailed(d.id, status.ok() ? *status : 0, error, clock_.NowSeconds(), retry);
  }
  return delivered;
}

}  // namespace dateline::jobs
