#include "store/job_schedule.hpp"

namespace dateline::store {

core::Result<bool> ClaimScheduledRun(Db& db, std::string_view name, int64_t now,
                                     int64_t every_seconds, std::string_view node) {
  bool claimed = false;
  auto done = db.InTransaction([&](Executor& tx) -> core::Result<void> {
    DL_TRY(
        tx.Run("INSERT INTO scheduled_jobs (name, next_run_at) VALUES (?, ?) ON CONFLICT (name) DO "
               "NOTHING",
               {std::string(name), now}));
    auto changed = tx.ChangeOne(
        "UPDATE scheduled_jobs SET next_run_at = ?, last_started_at = ?, last_node = ?, "
        "last_outcome = 'running' WHERE name = ? AND next_run_at <= ?",
        {now + every_seconds, now, std::string(node), std::string(name), now});
    if (!changed.ok()) return changed.error();
    claimed = *changed;
    return {};
  });
  if (!done.ok()) return done.error();
  return claimed;
}

core::Result<void> RecordScheduledOutcome(Db& db, std::string_view name, std::string_view outcome,
                                          std::optional<int64_t> retry_at) {
  std::string text(outcome.substr(0, 500));
  if (retry_at) {
    return db.Run(
        "UPDATE scheduled_jobs SET last_outcome = ?, next_run_at = CASE WHEN next_run_at > ? "
        "THEN ? ELSE next_run_at END WHERE name = ?",
        {text, *retry_at, *retry_at, std::string(name)});
  }
  return db.Run("UPDATE scheduled_jobs SET last_outcome = ? WHERE name = ?",
                {text, std::string(name)});
}

core::Result<ScheduledJob> FindScheduledJob(Db& db, std::string_view name) {
  auto row = db.QueryOne(
      "SELECT name, next_run_at, last_started_at, last_node, last_outcome FROM scheduled_jobs "
      "WHERE name = ?",
      {std::string(name)});
  if (!row.ok()) return row.error();
  return ScheduledJob{row->Text(0), row->Int(1), row->Int(2), row->Text(3), row->Text(4)};
}

}  // namespace dateline::store
