#include "webhooks/announce.hpp"

#include <boost/json.hpp>

#include "core/crypto.hpp"
#include "webhooks/webhook.hpp"
#include "webhooks/webhook_store.hpp"

namespace dateline::webhooks {

bool IsEventType(std::string_view type) {
  for (auto t : kEventTypes) {
    if (t == type) return true;
  }
  return false;
}

std::string EventPayload(std::string_view event_id, std::string_view type, int64_t created,
                         const std::string& data_json) {
  // data_json is ours (built with boost::json by the announcing domain): spliced as is.
  return "{\"id\":" + boost::json::serialize(boost::json::string(event_id)) +
         ",\"type\":" + boost::json::serialize(boost::json::string(type)) +
         ",\"created\":" + std::to_string(created) + ",\"data\":" + data_json + "}";
}

core::Result<void> Announce(store::Executor& tx, std::string_view type,
                            const std::string& data_json, int64_t now) {
  std::string event_id = "evt_" + core::RandomToken(18);
  return WebhookStore::Queue(tx, event_id, type, EventPayload(event_id, type, now, data_json), now);
}

}  // namespace dateline::webhooks
