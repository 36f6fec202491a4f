// dateline backup DEST and dateline restore SRC: the whole site as a folder, made while it
// serves, and put back into an empty store.
//
// A backup is DEST/dateline-YYYYMMDD-HHMMSS/ holding dateline.db (every table, as a SQLite
// file, read from the live store in one snapshot: the site as it was at one instant,
// whatever commits meanwhile, without holding writers back), secret.key (0600: sessions,
// reset codes, CSRF and newsletter links stay valid), and MANIFEST.txt (what, when, from
// where, row counts, and the files it does not hold that the configuration names).

#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/commands.hpp"
#include "app/progress_bar.hpp"
#include "app/schema.hpp"
#include "core/time_format.hpp"
#include "store/copy_store.hpp"

namespace dateline::app {
namespace fs = std::filesystem;

namespace {

std::string ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A store URL without its password, for the manifest and messages.
std::string WithoutPassword(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

}  // namespace

int BackupCommand(const core::Config& config, const std::string& dest) {
  core::SystemClock clock;
  int64_t now = clock.NowSeconds();
  std::string stamp = core::FormatIso8601(now);  // 2026-12-01T05:40:00Z
  std::string name = "dateline-";
  for (char c : stamp) {
    if (c >= '0' && c <= '9') name += c;
    if (c == 'T') name += '-';
  }
  fs::path folder = fs::path(dest) / name;
  std::error_code ec;
  if (fs::exists(folder, ec)) {
    fmt::print(stderr, "error: {} exists already\n", folder.string());
    return 2;
  }
  fs::create_directories(folder, ec);
  if (ec) {
    fmt::print(stderr, "error: cannot make {}: {}\n", folder.string(), ec.message());
    return 1;
  }
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
  auto from = store::Open(config.StoreUrl(), {config.store_pool_size});
  if (!from.ok()) {
    fmt::print(stderr, "error: {}\n", from.error().message);
    return 1;
  }
  auto to = store::Open("sqlite://" + fs::absolute(folder / "dateline.db").string(), {1});
  if (!to.ok()) {
    fmt::print(stderr, "error: {}\n", to.error().message);
    return 1;
  }
  fmt::print(stderr, "backing up {} into {}\n", (*from)->Describe(), folder.string());
  ProgressBar bar;
  store::CopyOptions options;
  options.snapshot = true;
  auto report = store::CopyStore(**from, **to, Schema(), options, clock,
                                 [&bar](const store::CopyProgress& p) { bar.Update(p); });
  if (!report.ok()) {
    fmt::print(stderr, "error: {}\n", report.error().message);
    fs::remove_all(folder, ec);
    return 1;
  }
  // The secret goes with the data: without it every session, reset code and keyed link in
  // sent mail stops working.
  std::string secret = ReadWhole(config.SecretFile());
  bool has_secret = !secret.empty();
  if (has_secret) {
    std::ofstream(folder / "secret.key", std::ios::binary) << secret;
    ::chmod((folder / "secret.key").c_str(), 0600);
  }
  int64_t rows = 0;
  std::string counts;
  for (const auto& [table, n] : report->rows) {
    rows += n;
    counts += fmt::format("  {:<28} {}\n", table, n);
  }
  std::ofstream manifest(folder / "MANIFEST.txt");
  manifest << "Dateline backup\n"
           << "made: " << stamp << "\n"
           << "from: " << WithoutPassword(config.StoreUrl()) << "\n"
           << "schema version: " << report->schema_version << "\n"
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
  manifest.close();
  fmt::print("backup {}: {} rows in {} tables, schema version {}\n", folder.string(), rows,
             report->rows.size(), report->schema_version);
  return 0;
}

int RestoreCommand(const core::Config& config, const std::string& src) {
  fs::path folder(src);
  std::error_code ec;
  if (!fs::exists(folder / "dateline.db", ec)) {
    fmt::print(stderr, "error: {} is not a Dateline backup (no dateline.db in it)\n", src);
    return 2;
  }
  // The secret first: a data folder that has another one is not the empty one to restore
  // into, and nothing is written.
  std::string secret = ReadWhole(folder / "secret.key");
  std::string existing = ReadWhole(config.SecretFile());
  if (!existing.empty() && !secret.empty() && existing != secret) {
    fmt::print(stderr, "error: {} holds another server secret: restore into an empty data folder\n",
               config.SecretFile());
    return 2;
  }
  auto from = store::Open("sqlite://" + fs::absolute(folder / "dateline.db").string(), {1});
  if (!from.ok()) {
    fmt::print(stderr, "error: {}\n", from.error().message);
    return 1;
  }
  fs::create_directories(config.data_dir, ec);
  auto to = store::Open(config.StoreUrl(), {config.store_pool_size});
  if (!to.ok()) {
    fmt::print(stderr, "error: {}\n", to.error().message);
    return 1;
  }
  fmt::print(stderr, "restoring {} into {}\n", folder.string(), (*to)->Describe());
  core::SystemClock clock;
  ProgressBar bar;
  auto report = store::CopyStore(**from, **to, Schema(), {}, clock,
                                 [&bar](const store::CopyProgress& p) { bar.Update(p); });
  if (!report.ok()) {
    if (report.error().code == core::ErrorCode::kAlreadyExists) {
      fmt::print(stderr, "error: {} is not empty: restore into an empty store\n",
                 (*to)->Describe());
      return 2;
    }
    fmt::print(stderr, "error: {}\n", report.error().message);
    return 1;
  }
  if (!secret.empty() && existing.empty()) {
    fs::create_directories(fs::path(config.SecretFile()).parent_path(), ec);
    std::ofstream(config.SecretFile(), std::ios::binary) << secret;
    ::chmod(config.SecretFile().c_str(), 0600);
  }
  int64_t rows = 0;
  for (const auto& [table, n] : report->rows) rows += n;
  fmt::print("restored {} rows in {} tables into {}\n", rows, report->rows.size(),
             (*to)->Describe());
  return 0;
}

}  // namespace dateline::app
