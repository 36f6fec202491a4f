// dateline doctor: looks over an installation and says, in plain words, what is wrong
// and how to put it right. Reads and connects; changes nothing (no migration, no mail).

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "app/backup.hpp"
#include "app/commands.hpp"
#include "app/operations.hpp"
#include "app/services.hpp"
#include "core/log_context.hpp"
#include "core/time_format.hpp"
#include "core/time_zone.hpp"
#include "mail/dkim.hpp"
#include "store/job_schedule.hpp"
#include "store/migrations.hpp"

namespace dateline::app {
namespace fs = std::filesystem;

namespace {

class Report {
 public:
  void Ok(const std::string& what) { Line("ok  ", what); }
  void Warn(const std::string& what) {
    ++warnings_;
    Line("WARN", what);
  }
  void Fail(const std::string& what) {
    ++problems_;
    Line("FAIL", what);
  }
  int problems() const { return problems_; }
  int warnings() const { return warnings_; }

 private:
  static void Line(const char* mark, const std::string& what) {
    fmt::print("  {}  {}\n", mark, what);
  }
  int problems_ = 0;
  int warnings_ = 0;
};

std::string Mode(mode_t mode) { return fmt::format("{:04o}", mode & 07777); }

void CheckDataFolder(const core::Config& config, Report& report) {
  struct stat st {};
  if (::stat(config.data_dir.c_str(), &st) != 0) {
    report.Fail(
        fmt::format("data folder {} does not exist: create it, owned by the user "
                    "Dateline runs as (install -d -m 0750 {})",
                    config.data_dir, config.data_dir));
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    report.Fail(fmt::format("data folder {} is not a folder", config.data_dir));
    return;
  }
  if (::access(config.data_dir.c_str(), W_OK) != 0) {
    report.Fail(
        fmt::format("data folder {} is not writable by this user (uid {}): chown it to "
                    "the user Dateline runs as",
                    config.data_dir, ::getuid()));
    return;
  }
  if (st.st_mode & S_IWOTH) {
    report.Fail(fmt::format("data folder {} is writable by every user (mode {}): chmod 750 {}",
                            config.data_dir, Mode(st.st_mode), config.data_dir));
    return;
  }
  if (st.st_mode & S_IROTH) {
    report.Warn(fmt::format("data folder {} is readable by every user (mode {}): chmod 750 {}",
                            config.data_dir, Mode(st.st_mode), config.data_dir));
    return;
  }
  report.Ok(fmt::format("data folder {} (mode {})", config.data_dir, Mode(st.st_mode)));
}

void CheckSecret(const core::Config& config, Report& report) {
  std::string path = config.SecretFile();
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    report.Warn(
        fmt::format("secret file {} does not exist yet: the first `dateline serve` "
                    "makes it (with several nodes, copy one node's to the others)",
                    path));
    return;
  }
  if (st.st_mode & (S_IRWXG | S_IRWXO)) {
    report.Fail(fmt::format("secret file {} can be read by other users (mode {}): chmod 600 {}",
                            path, Mode(st.st_mode), path));
    return;
  }
  if (st.st_size < 32) {
    report.Fail(
        fmt::format("secret file {} is too short ({} bytes): it should hold the key "
                    "`dateline serve` wrote",
                    path, st.st_size));
    return;
  }
  report.Ok(fmt::format("secret file {} (mode {})", path, Mode(st.st_mode)));
}

void CheckSettings(const core::Config& config, Report& report) {
  report.Ok(fmt::format("configuration read: {} at {}, listening on {}:{}", config.site_title,
                        config.SiteUrl(), config.listen_host, config.listen_port));
  bool loopback = config.listen_host == "127.0.0.1" || config.listen_host == "::1" ||
                  config.listen_host == "localhost";
  if (config.SiteUrl().rfind("https://", 0) != 0 && !loopback) {
    report.Warn(
        fmt::format("site_url {} is not https: readers' passwords and session cookies "
                    "would cross the network in clear; put nginx with a certificate "
                    "in front and set site_url = \"https://...\"",
                    config.SiteUrl()));
  }
  if (config.admin_email == "admin@example.com") {
    report.Warn("admin_email is still admin@example.com: set it to a real address");
  }
  for (const auto& range : config.http.trusted_proxies) {
    if (range == "0.0.0.0/0" || range == "::/0") {
      report.Fail("http.trusted_proxies lists " + range +
                  ": anyone could name any client address and pass every rate limit; list "
                  "only your proxies");
    }
  }
  for (const auto& range : config.metrics_allow) {
    if (range == "0.0.0.0/0" || range == "::/0") {
      report.Warn("metrics_allow lists " + range + ": anyone can read /metrics");
    }
  }
  if (config.mail.transport == "file") {
    report.Warn(
        fmt::format("mail is written to files in {} and reaches nobody: set [mail] "
                    "transport = \"smtp\" and smtp_url",
                    config.MailDir()));
  }
}

void CheckTime(const core::Config& config, store::Db* db, Report& report) {
  core::SystemClock clock;
  int64_t now = clock.NowSeconds();
  std::tm local = core::ToSiteTime(now);
  report.Ok(fmt::format("time zone {}: it is {:04}-{:02}-{:02} {:02}:{:02} there ({})",
                        config.time_zone, local.tm_year + 1900, local.tm_mon + 1, local.tm_mday,
                        local.tm_hour, local.tm_min, core::FormatIso8601(now)));
  if (!db) return;
  auto migrated = store::LastMigratedAt(*db);
  if (migrated.ok() && *migrated > now + 60) {
    report.Fail(
        fmt::format("this machine's clock reads {}, before the store was last migrated "
                    "({}): set the clock (timedatectl set-ntp true)",
                    core::FormatIso8601(now), core::FormatIso8601(*migrated)));
  }
}

std::unique_ptr<store::Db> CheckStore(const core::Config& config, Report& report) {
  std::string described = core::RedactSecrets(config.StoreUrl());
  bool sqlite = !store::IsPostgresUrl(config.StoreUrl());
  std::string sqlite_path =
      sqlite ? config.StoreUrl().substr(std::string("sqlite://").size()) : std::string();
  // Opening a SQLite file that is not there would make an empty one: look first.
  if (sqlite && !fs::exists(sqlite_path)) {
    report.Fail(
        fmt::format("store file {} does not exist: check `store` and `data_dir`, or "
                    "start the site once (`dateline serve`) to create it",
                    sqlite_path));
    return nullptr;
  }
  auto db = store::Open(config.StoreUrl(), {2});
  if (!db.ok()) {
    report.Fail(fmt::format("store {} cannot be opened: {}", described, db.error().message));
    return nullptr;
  }
  auto ready = StoreReady(**db);
  if (!ready.ok()) {
    report.Fail(fmt::format("store {}: {}", described, ready.error().message));
  } else {
    auto version = store::SchemaVersion(**db);
    report.Ok(
        fmt::format("store {} answers, schema version {}", described, version.ok() ? *version : 0));
  }
  struct stat st {};
  if (sqlite && ::stat(sqlite_path.c_str(), &st) == 0 && (st.st_mode & S_IROTH)) {
    report.Fail(fmt::format("store file {} is readable by every user (mode {}): chmod 600 {}",
                            sqlite_path, Mode(st.st_mode), sqlite_path));
  }
  return std::move(*db);
}

void CheckMail(const core::Config& config, Report& report) {
  auto transport = MakeMailTransport(config);
  auto checked = transport->Check();
  if (!checked.ok()) {
    report.Fail(fmt::format("mail cannot go out: {}", checked.error().message));
  } else {
    std::string how = config.mail.transport != "smtp" ? "the folder is writable"
                      : config.mail.smtp_username.empty()
                          ? "the server answered"
                          : "the server answered and let us sign in";
    report.Ok(fmt::format("mail goes to {} ({})", transport->Describe(), how));
  }
  if (!config.mail.dkim_key_file.empty()) {
    std::string domain = config.DkimDomain();
    auto signer =
        mail::DkimSigner::Load(config.mail.dkim_key_file, domain, config.mail.dkim_selector);
    if (!signer.ok()) {
      report.Fail(signer.error().message);
    } else {
      report.Ok(fmt::format("mail is DKIM-signed for {}: publish the key at {}._domainkey.{}",
                            domain, config.mail.dkim_selector, domain));
    }
  }
}

void CheckBackups(const core::Config& config, store::Db* db, Report& report) {
  if (config.backup.dir.empty()) {
    report.Warn("no scheduled backups: set [backup] dir (and run `dateline backup DEST` now)");
    return;
  }
  if (::access(config.backup.dir.c_str(), W_OK) != 0) {
    report.Fail(fmt::format("backup folder {} does not exist or is not writable by this user",
                            config.backup.dir));
    return;
  }
  if (!db) return;
  auto job = store::FindScheduledJob(*db, kBackupJob);
  if (!job.ok()) {
    report.Warn(fmt::format("backups every {} h into {}: none made yet", config.backup.every_hours,
                            config.backup.dir));
    return;
  }
  core::SystemClock clock;
  int64_t age = clock.NowSeconds() - job->last_started_at;
  std::string last =
      fmt::format("last backup {} by {}: {}", core::FormatIso8601(job->last_started_at),
                  job->last_node, job->last_outcome);
  if (job->last_outcome.rfind("ok", 0) != 0) {
    report.Fail(last);
  } else if (age > 2 * config.backup.every_hours * 3600) {
    report.Fail(last + " (older than two turns: is a node running with this [backup]?)");
  } else {
    report.Ok(last);
  }
}

}  // namespace

int DoctorCommand(const core::Config& config) {
  fmt::print("Dateline doctor\n");
  Report report;
  CheckSettings(config, report);
  CheckDataFolder(config, report);
  CheckSecret(config, report);
  auto db = CheckStore(config, report);
  CheckTime(config, db.get(), report);
  CheckMail(config, report);
  CheckBackups(config, db.get(), report);
  if (report.problems() == 0) {
    fmt::print("No problems found{}.\n",
               report.warnings() ? fmt::format(" ({} warning(s) above)", report.warnings()) : "");
    return 0;
  }
  fmt::print("{} problem(s) and {} warning(s): see FAIL and WARN above.\n", report.problems(),
             report.warnings());
  return 1;
}

}  // namespace dateline::app
