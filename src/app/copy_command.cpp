#include <fmt/format.h>
#include <unistd.h>

#include "app/commands.hpp"
#include "app/progress_bar.hpp"
#include "app/schema.hpp"
#include "store/copy_store.hpp"
#include "store/statistics.hpp"

namespace dateline::app {
int CopyStoreCommand(const core::Config& config, const std::string& from_url,
                     const std::string& to_url, bool force) {
  if (from_url == to_url) {
    fmt::print(stderr, "error: --from and --to name the same store\n");
    return 2;
  }
  auto from = store::Open(from_url, {config.store_pool_size});
  if (!from.ok()) {
    fmt::print(stderr, "error: --from: {}\n", from.error().message);
    return 1;
  }
  auto to = store::Open(to_url, {config.store_pool_size});
  if (!to.ok()) {
    fmt::print(stderr, "error: --to: {}\n", to.error().message);
    return 1;
  }
  fmt::print(stderr, "copying {} -> {}\n", (*from)->Describe(), (*to)->Describe());
  core::SystemClock clock;
  ProgressBar bar;
  auto report = store::CopyStore(**from, **to, Schema(), {force}, clock,
                                 [&bar](const store::CopyProgress& p) { bar.Update(p); });
  if (!report.ok()) {
    fmt::print(stderr, "error: {}\n", report.error().message);
    return 1;
  }
  int64_t total = 0;
  fmt::print("copied at schema version {}:\n", report->schema_version);
  for (const auto& [table, rows] : report->rows) {
    fmt::print("  {:<20} {:>8} rows\n", table, rows);
    total += rows;
  }
  fmt::print("  {:<20} {:>8} rows\n", "total", total);
  (void)store::RefreshStatistics(**to);  // the new store's planner learns what it holds
  return 0;
}

}  // namespace dateline::app
