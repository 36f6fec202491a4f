#include <fmt/format.h>
#include <unistd.h>

#include "app/schema.hpp"
#include "app/commands.hpp"
#include "store/copy_store.hpp"

namespace dateline::app {
namespace {

// "  articles            [##########··········]  50%  123/246" on one self-updating line
// when stderr is a terminal, and a line per table otherwise (logs stay readable).
class ProgressBar {
 public:
  ProgressBar() : tty_(isatty(STDERR_FILENO) != 0) {}
  void Update(const store::CopyProgress& p) {
    constexpr int kWidth = 30;
    int filled = p.total == 0 ? kWidth : static_cast<int>(kWidth * p.done / p.total);
    int percent = p.total == 0 ? 100 : static_cast<int>(100 * p.done / p.total);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(kWidth - filled), '.');
    bool finished = p.done == p.total;
    if (tty_) {
      fmt::print(stderr, "\r  {:<20} [{}] {:>3}%  {}/{}{}", p.table, bar, percent, p.done, p.total,
                 finished ? "\n" : "");
    } else if (finished) {
      fmt::print(stderr, "  {:<20} [{}] {:>3}%  {}/{}\n", p.table, bar, percent, p.done, p.total);
    }
    std::fflush(stderr);
  }

 private:
  bool tty_;
};

}  // namespace

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
  return 0;
}

}  // namespace dateline::app
