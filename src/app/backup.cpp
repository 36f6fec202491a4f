// A backup is DEST/dateline-YYYYMMDD-HHMMSS/ holding dateline.db (every table, as a SQLite
// file, read from the live store in one snapshot: the site as it was at one instant,
// whatever commits meanwhile, without holding writers back), secret.key (0600: sessions,
// reset codes, CSRF and newsletter links stay valid), and MANIFEST.txt (what, when, from
// where, row counts, and the files it does not hold that the configuration names).

#include "app/backup.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "app/schema.hpp"
#include "core/log_context.hpp"
#include "core/time_format.hpp"
#include "store/job_schedule.hpp"

namespace dateline::app {
namespace fs = std::filesystem;

namespace {

// "dateline-20261201-054000": sorts by time as text.
std::string FolderName(int64_t now) {
  std::string name = "dateline-";
  for (char c : core::FormatIso8601(now)) {  // 2026-12-01T05:40:00Z
    if (c >= '0' && c <= '9') name += c;
    if (c == 'T') name += '-';
  }
  return name;
}

// "dateline-YYYYMMDD-HHMMSS", perhaps with "-N" after it.
bool IsBackupFolderName(const std::string& name) {
  if (name.size() < 24 || name.rfind("dateline-", 0) != 0 || name[17] != '-') return false;
  for (size_t i = 9; i < 24; ++i) {
    if (i != 17 && (name[i] < '0' || name[i] > '9')) return false;
  }
  if (name.size() == 24) return true;
  if (name[24] != '-' || name.size() == 25) return false;
  for (size_t i = 25; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return false;
  }
  return true;
}

void WriteManifest(const core::Config& config, const fs::path& folder, int64_t now,
                   const store::CopyReport& report, bool has_secret) {
  std::string counts;
  for (const auto& [table, n] : report.rows) counts += fmt::format("  {:<28} {}\n", table, n);
  std::ofstream manifest(folder / "MANIFEST.txt");
  manifest << "Dateline backup\n"
           << "made: " << core::FormatIso8601(now) << "\n"
           << "from: " << core::RedactSecrets(config.StoreUrl()) << "\n"
           << "schema version: " << report.schema_version << "\n"
           << "files: dateline.db (every table, SQLite)"
           << (has_secret ? ", secret.key (the server secret)" : "") << "\n"
           << "rows:\n"
           << counts;
  // What the configuration names that a restore will need and this folder does not hold.
  manifest << "not included (keep them with the backup):\n";
  manifest << "  the configuration file itself\n";
  if (!config.mail.dkim_key_file.empty()) {
    manifest << "  " << config.mail.dkim_key_file << " ([mail] dkim_key_file)\n";
  }
  if (!has_secret) manifest << "  " << config.SecretFile() << " (not found when backing up)\n";
}

}  // namespace

std::string ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

core::Result<BackupMade> MakeBackup(
    const core::Config& config, store::Db& from, const std::string& dest, const core::Clock& clock,
    const std::function<void(const store::CopyProgress&)>& progress) {
  int64_t now = clock.NowSeconds();
  std::error_code ec;
  fs::create_directories(dest, ec);
  if (ec) return core::Error::Unavailable("cannot make " + dest + ": " + ec.message());
  // Two backups in one second (an operator's and the schedule's) get -1, -2...: made with
  // create_directory, which fails if another process took the name first.
  fs::path folder;
  for (int n = 0;; ++n) {
    folder = fs::path(dest) / (FolderName(now) + (n ? fmt::format("-{}", n) : ""));
    if (fs::create_directory(folder, ec)) break;
    if (ec || n == 99) {
      return core::Error::Unavailable("cannot make " + folder.string() + ": " +
                                      (ec ? ec.message() : "too many backups this second"));
    }
  }
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
  auto fail = [&](const core::Error& e) {
    fs::remove_all(folder, ec);
    return e;
  };
  auto to = store::Open("sqlite://" + fs::absolute(folder / "dateline.db").string(), {1});
  if (!to.ok()) return fail(to.error());
  store::CopyOptions options;
  options.snapshot = true;
  auto report = store::CopyStore(from, **to, Schema(), options, clock, progress);
  to->reset();
  if (!report.ok()) return fail(report.error());
  // The secret goes with the data: without it every session, reset code and keyed link in
  // sent mail stops working.
  std::string secret = ReadWholeFile(config.SecretFile());
  bool has_secret = !secret.empty();
  if (has_secret) {
    {
      std::ofstream out(folder / "secret.key", std::ios::binary);
      ::chmod((folder / "secret.key").c_str(), 0600);
      out << secret;
    }
  }
  WriteManifest(config, folder, now, *report, has_secret);
  BackupMade made{folder, 0, report->rows.size(), report->schema_version};
  for (const auto& [table, n] : report->rows) made.rows += n;
  return made;
}

core::Result<std::vector<fs::path>> PruneBackups(const std::string& dest, int64_t keep) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dest, ec)) {
    if (entry.is_directory(ec) && IsBackupFolderName(entry.path().filename().string())) {
      found.push_back(entry.path());
    }
  }
  if (ec) return core::Error::Unavailable("cannot list " + dest + ": " + ec.message());
  std::sort(found.begin(), found.end());  // oldest first: the names sort by time
  std::vector<fs::path> removed;
  while (static_cast<int64_t>(found.size()) - static_cast<int64_t>(removed.size()) > keep) {
    const fs::path& old = found[removed.size()];
    fs::remove_all(old, ec);
    if (ec) return core::Error::Unavailable("cannot remove " + old.string() + ": " + ec.message());
    removed.push_back(old);
  }
  return removed;
}

core::Result<std::optional<BackupMade>> RunScheduledBackup(const core::Config& config,
                                                           store::Db& db, const core::Clock& clock,
                                                           const std::string& node) {
  if (config.backup.dir.empty()) return std::optional<BackupMade>();
  auto claimed = store::ClaimScheduledRun(db, kBackupJob, clock.NowSeconds(),
                                          config.backup.every_hours * 3600, node);
  if (!claimed.ok()) return claimed.error();
  if (!*claimed) return std::optional<BackupMade>();
  auto made = MakeBackup(config, db, config.backup.dir, clock, nullptr);
  if (!made.ok()) {
    // Tried again within the hour (a full disk freed, a mount back), not a whole turn later.
    int64_t retry_at =
        clock.NowSeconds() + std::min<int64_t>(3600, config.backup.every_hours * 3600);
    (void)store::RecordScheduledOutcome(db, kBackupJob, "failed: " + made.error().message,
                                        retry_at);
    return made.error();
  }
  auto pruned = PruneBackups(config.backup.dir, config.backup.keep);
  std::string outcome = fmt::format("ok: {} ({} rows)", made->folder.string(), made->rows);
  if (!pruned.ok()) {
    outcome += "; old backups not pruned: " + pruned.error().message;
  } else if (!pruned->empty()) {
    outcome += fmt::format("; {} old backup(s) removed", pruned->size());
  }
  (void)store::RecordScheduledOutcome(db, kBackupJob, outcome);
  spdlog::info("scheduled backup {}", outcome);
  return std::optional<BackupMade>(std::move(*made));
}

}  // namespace dateline::app
