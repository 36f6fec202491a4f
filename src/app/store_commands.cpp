#include <fmt/format.h>

#include <filesystem>

#include "app/commands.hpp"
#include "app/schema.hpp"
#include "app/services.hpp"
#include "store/migrations.hpp"

namespace dateline::app {

int MigrateCommand(const core::Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  auto db = store::Open(config.StoreUrl(), {config.store_pool_size});
  if (!db.ok()) {
    fmt::print(stderr, "error: {}\n", db.error().message);
    return 1;
  }
  core::SystemClock clock;
  auto report = store::Migrate(**db, Schema().migrations, clock);
  if (!report.ok()) {
    fmt::print(stderr, "error: {}\n", report.error().message);
    return 1;
  }
  for (const auto& m : report->applied) fmt::print("applied {}\n", m);
  if (report->applied.empty()) {
    fmt::print("schema is up to date at version {}\n", report->version);
  } else {
    fmt::print("schema is now at version {}\n", report->version);
  }
  return 0;
}

}  // namespace dateline::app
