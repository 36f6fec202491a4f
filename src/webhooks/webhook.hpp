#pragma once
// Webhooks: addresses that an administrator registers to hear of changes. Each change a
// domain announces (announce.hpp) becomes one delivery per endpoint that asked for its
// type, written in the change's own transaction, and POSTed later by the webhook sender
// with an HMAC signature, retried with backoff until the endpoint answers 2xx.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::webhooks {

// The event types, as they appear in payloads and in an endpoint's list.
inline constexpr std::string_view kEventTypes[] = {
    "story.published", "story.updated",        "story.unpublished",
    "member.created",  "subscription.changed",
};
bool IsEventType(std::string_view type);

struct Endpoint {
  int64_t id = 0;
  std::string url;
  std::vector<std::string> events;  // types it hears
  std::string secret;               // "whsec_...": signs each delivery
  int64_t created_at = 0;
};

enum class DeliveryState { kPending, kDelivered, kFailed };

struct Delivery {
  int64_t id = 0;
  int64_t endpoint_id = 0;
  std::string url;     // the endpoint's
  std::string secret;  // the endpoint's
  std::string event_id;
  std::string type;
  std::string payload;  // the JSON body; erased once delivered or given up
  int64_t created_at = 0;
  int64_t attempts = 0;
  DeliveryState state = DeliveryState::kPending;
  int64_t last_status = 0;  // the endpoint's last HTTP status (0: none)
  std::string last_error;
};

}  // namespace dateline::webhooks
