#pragma once
// What a domain calls, inside the transaction of a change, to tell the webhooks about it:
// one delivery is queued per endpoint that hears `type` (none, at the cost of one
// statement, when nobody listens). `data_json` is the event's object, a JSON object.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::webhooks {

core::Result<void> Announce(store::Executor& tx, std::string_view type,
                            const std::string& data_json, int64_t now);

// The payload every delivery of an event carries:
//   {"id": "evt_...", "type": "...", "created": <unix seconds>, "data": {...}}
std::string EventPayload(std::string_view event_id, std::string_view type, int64_t created,
                         const std::string& data_json);

}  // namespace dateline::webhooks
