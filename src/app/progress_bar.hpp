#pragma once
// The progress of a long job (copy-store, backup, restore, import) on standard error.

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "store/copy_store.hpp"

namespace dateline::app {

// "  articles            [##########··········]  50%  123/246" on one self-updating line
// when stderr is a terminal, and a line per table otherwise (logs stay readable).
class ProgressBar {
 public:
  // `tenths`: off a terminal, also a line at each tenth of the way (one long import
  // rather than many short tables).
  explicit ProgressBar(bool tenths = false) : tty_(isatty(STDERR_FILENO) != 0), tenths_(tenths) {}
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
    } else if (finished || (tenths_ && percent / 10 > last_tenth_)) {
      last_tenth_ = percent / 10;
      fmt::print(stderr, "  {:<20} [{}] {:>3}%  {}/{}\n", p.table, bar, percent, p.done, p.total);
    }
    std::fflush(stderr);
  }

 private:
  bool tty_;
  bool tenths_;
  int last_tenth_ = 0;
};

}  // namespace dateline::app
