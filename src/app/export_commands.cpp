// dateline export FILE and dateline import dateline FILE: the whole site as JSON Lines
// (store/json_export.hpp, docs/EXPORT.md), written from a live store in one snapshot and
// read back into an empty one, SQLite or PostgreSQL.

#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "app/commands.hpp"
#include "app/progress_bar.hpp"
#include "app/schema.hpp"
#include "store/json_export.hpp"
#include "store/statistics.hpp"

namespace dateline::app {

int ExportCommand(const core::Config& config, const std::string& file) {
  auto from = store::Open(config.StoreUrl(), {config.store_pool_size});
  if (!from.ok()) {
    fmt::print(stderr, "error: {}\n", from.error().message);
    return 1;
  }
  // Written beside, then renamed: a reader never sees half an export. Only its owner may
  // read it (it holds every account, as a backup does).
  std::string temp = file + ".part";
  std::ofstream out(temp, std::ios::binary | std::ios::trunc);
  if (!out) {
    fmt::print(stderr, "error: cannot write {}\n", temp);
    return 2;
  }
  ::chmod(temp.c_str(), 0600);
  core::SystemClock clock;
  ProgressBar bar;
  auto report = store::ExportJsonLines(**from, Schema(), out, clock,
                                       [&bar](const store::CopyProgress& p) { bar.Update(p); });
  out.close();
  std::error_code ec;
  if (!report.ok() || !out) {
    std::filesystem::remove(temp, ec);
    fmt::print(stderr, "error: {}\n",
               report.ok() ? "could not write the export" : report.error().message);
    return 1;
  }
  std::filesystem::rename(temp, file, ec);
  if (ec) {
    fmt::print(stderr, "error: cannot write {}: {}\n", file, ec.message());
    return 1;
  }
  int64_t rows = 0;
  for (const auto& [table, n] : report->rows) rows += n;
  fmt::print("exported {} rows in {} tables (schema version {}) to {}\n", rows, report->rows.size(),
             report->schema_version, file);
  return 0;
}

int ImportDatelineExport(const core::Config& config, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "error: cannot read {}\n", file);
    return 2;
  }
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  auto to = store::Open(config.StoreUrl(), {config.store_pool_size});
  if (!to.ok()) {
    fmt::print(stderr, "error: {}\n", to.error().message);
    return 1;
  }
  core::SystemClock clock;
  ProgressBar bar;
  auto report = store::ImportJsonLines(**to, Schema(), in, clock,
                                       [&bar](const store::CopyProgress& p) { bar.Update(p); });
  if (!report.ok()) {
    bool refused = report.error().code == core::ErrorCode::kInvalidArgument ||
                   report.error().code == core::ErrorCode::kAlreadyExists;
    fmt::print(stderr, "error: {}{}\n", report.error().message,
               report.error().code == core::ErrorCode::kAlreadyExists
                   ? ": import a Dateline export into an empty store"
                   : "");
    fmt::print(stderr, "Nothing was written.\n");
    return refused ? 2 : 1;
  }
  int64_t rows = 0;
  for (const auto& [table, n] : report->rows) rows += n;
  fmt::print("imported {} rows in {} tables into {}\n", rows, report->rows.size(),
             (*to)->Describe());
  (void)store::RefreshStatistics(**to);
  return 0;
}

}  // namespace dateline::app
