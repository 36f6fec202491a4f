// dateline backup DEST and dateline restore SRC: the whole site as a folder, made while it
// serves (app/backup.cpp says what the folder holds), and put back into an empty store.

#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/backup.hpp"
#include "app/commands.hpp"
#include "app/progress_bar.hpp"
#include "app/schema.hpp"
#include "store/copy_store.hpp"

namespace dateline::app {
namespace fs = std::filesystem;

int BackupCommand(const core::Config& config, const std::string& dest) {
  auto from = store::Open(config.StoreUrl(), {config.store_pool_size});
  if (!from.ok()) {
    fmt::print(stderr, "error: {}\n", from.error().message);
    return 1;
  }
  fmt::print(stderr, "backing up {} into {}\n", (*from)->Describe(), dest);
  core::SystemClock clock;
  ProgressBar bar;
  auto made = MakeBackup(config, **from, dest, clock,
                         [&bar](const store::CopyProgress& p) { bar.Update(p); });
  if (!made.ok()) {
    fmt::print(stderr, "error: {}\n", made.error().message);
    return 1;
  }
  fmt::print("backup {}: {} rows in {} tables, schema version {}\n", made->folder.string(),
             made->rows, made->tables, made->schema_version);
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
  std::string secret = ReadWholeFile(folder / "secret.key");
  std::string existing = ReadWholeFile(config.SecretFile());
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
