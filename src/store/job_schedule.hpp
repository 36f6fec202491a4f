#pragma once
// When a job that the whole site runs once (a scheduled backup) is next due, kept in the
// store so that with several nodes exactly one runs each turn, and a restart neither
// repeats nor skips one. A node claims a due turn by moving its due time on in one guarded
// UPDATE: the node whose UPDATE changes the row runs it; the others see no change.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::store {

struct ScheduledJob {
  std::string name;
  int64_t next_run_at = 0;
  int64_t last_started_at = 0;  // 0: never
  std::string last_node;
  std::string last_outcome;  // "ok: ..." or the failure, for the operator
};

// Claims the turn of `name` if it is due at `now` (a job never seen is due at once), and
// moves its next turn to now + every_seconds. True when this caller should run it.
core::Result<bool> ClaimScheduledRun(Db& db, std::string_view name, int64_t now,
                                     int64_t every_seconds, std::string_view node);
// Records how the turn this node claimed ended; `retry_at` brings the next turn forward
// (after a failure).
core::Result<void> RecordScheduledOutcome(Db& db, std::string_view name, std::string_view outcome,
                                          std::optional<int64_t> retry_at = std::nullopt);
core::Result<ScheduledJob> FindScheduledJob(Db& db, std::string_view name);

}  // namespace dateline::store
