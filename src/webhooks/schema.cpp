#include "webhooks/schema.hpp"

namespace dateline::webhooks {

const store::SchemaPart& Schema() {
  static const store::SchemaPart kPart = {
      {
          {31, "create_webhooks",  // webhooks: endpoints and their deliveries (an outbox)
           R"sql(
CREATE TABLE webhook_endpoints (
  id {id},
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE TABLE webhook_deliveries (
  id {id},
  endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  claimed_until BIGINT,
  delivered_at BIGINT,
  failed_at BIGINT,
  last_status BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (delivered_at, failed_at, next_attempt_at);
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);
)sql"},
      },
      {
          {"webhook_endpoints", "id, url, events, secret, created_by, created_at", "id", true},
          {"webhook_deliveries",
           "id, endpoint_id, event_id, event_type, payload, created_at, next_attempt_at, "
           "attempts, claimed_until, delivered_at, failed_at, last_status, last_error",
           "id", true},
      },
  };
  return kPart;
}

}  // namespace dateline::webhooks
