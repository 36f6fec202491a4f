#pragma once
// Security events (logins, resets, role changes), kept for operators. Written in the same
// transaction as the change they describe when there is one.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::audit {

struct Event {
  std::optional<int64_t> user_id;
  std::string kind;  // "login", "login_failed", "reset_requested", "password_changed", ...
  std::string ip;
  std::string detail;
  int64_t at = 0;
};

core::Result<void> Record(store::Executor& db, const Event& event);
core::Result<std::vector<Event>> ForUser(store::Executor& db, int64_t user_id, int limit);
// Whether the user has an event of this kind from this address (a known device, say).
core::Result<bool> HasEventFrom(store::Executor& db, int64_t user_id, std::string_view kind,
                                std::string_view ip);

}  // namespace dateline::audit
