#pragma once
// A backup of the whole site as a folder, made while it serves: by `dateline backup DEST`
// and by the server itself on the schedule in [backup]. See backup_commands.cpp for the
// folder's contents and for restoring it.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "store/copy_store.hpp"
#include "store/db.hpp"

namespace dateline::app {

struct BackupMade {
  std::filesystem::path folder;  // DEST/dateline-YYYYMMDD-HHMMSS
  int64_t rows = 0;
  size_t tables = 0;
  int schema_version = 0;
};

// Writes DEST/dateline-YYYYMMDD-HHMMSS (with -1, -2... for a second one within the same
// second) from `from`, read in one snapshot. A folder left half-written by a failure is
// removed.
core::Result<BackupMade> MakeBackup(
    const core::Config& config, store::Db& from, const std::string& dest, const core::Clock& clock,
    const std::function<void(const store::CopyProgress&)>& progress);

// Removes all but the newest `keep` backups in `dest` (only folders named as MakeBackup
// names them; nothing else there is touched). Returns the folders removed.
core::Result<std::vector<std::filesystem::path>> PruneBackups(const std::string& dest,
                                                              int64_t keep);

// One turn of the scheduled backup ([backup] dir, every_hours, keep): if this node claims
// a due turn (store/job_schedule.hpp), makes a backup and prunes old ones. nullopt when no
// turn was due here or backups are not configured. A failed turn is recorded and tried
// again within the hour.
core::Result<std::optional<BackupMade>> RunScheduledBackup(const core::Config& config,
                                                           store::Db& db, const core::Clock& clock,
                                                           const std::string& node);

// A whole file's bytes (empty when it cannot be read): the secret, mostly.
std::string ReadWholeFile(const std::filesystem::path& path);

// The scheduled job's name in the store.
inline constexpr const char* kBackupJob = "backup";

}  // namespace dateline::app
