#pragma once
// The webhook_endpoints and webhook_deliveries tables. Deliveries are an outbox: claimed
// under a lease by one sender at a time (FOR UPDATE SKIP LOCKED on PostgreSQL), so several
// nodes deliver each once.

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/db.hpp"
#include "webhooks/webhook.hpp"

namespace dateline::webhooks {

class WebhookStore {
 public:
  explicit WebhookStore(store::Db& db) : db_(db) {}

  // One delivery per endpoint in force that hears `type`.
  static core::Result<void> Queue(store::Executor& tx, std::string_view event_id,
                                  std::string_view type, const std::string& payload, int64_t now);

  core::Result<Endpoint> InsertEndpoint(const Endpoint& e, int64_t created_by);
  core::Result<std::vector<Endpoint>> Endpoints(int limit);
  // False when there is no such endpoint. Its deliveries go with it.
  core::Result<bool> DeleteEndpoint(int64_t id);
  // The endpoint's latest deliveries, newest first.
  core::Result<std::vector<Delivery>> Recent(int64_t endpoint_id, int limit);

  core::Result<std::vector<Delivery>> Claim(int64_t now, int limit, int64_t lease_seconds);
  core::Result<void> MarkDelivered(int64_t id, int64_t status, int64_t now);
  // Another try at `retry_at`, or given up (the payload erased) when it is unset.
  core::Result<void> MarkFailed(int64_t id, int64_t status, const std::string& error, int64_t now,
                                std::optional<int64_t> retry_at);
  core::Result<int64_t> Pending();
  // Drops deliveries finished before `before`.
  core::Result<int64_t> Prune(int64_t before);

 private:
  store::Db& db_;
};

}  // namespace dateline::webhooks
