#pragma once
// Watches the store's content generation and calls back when it moves, so a change made
// by another process (the CLI, another node) empties this node's page cache within one
// interval. Runs on a thread of its own; Stop() or the destructor ends it.

#include <chrono>
#include <functional>

#include "jobs/periodic.hpp"
#include "store/db.hpp"

namespace dateline::jobs {

class ContentWatcher {
 public:
  ContentWatcher(store::Db& db, std::chrono::milliseconds interval,
                 std::function<void()> on_change);
  void Start();
  void Stop() { loop_.Stop(); }
  // Check now rather than at the next interval (a NOTIFY arrived). Any thread.
  void Poke() { loop_.Poke(); }

 private:
  bool Check();

  store::Db& db_;
  std::function<void()> on_change_;
  int64_t seen_ = -1;  // set by Start() before the thread exists, then only by it
  bool warned_ = false;
  Periodic loop_;  // last: its thread uses the members above
};

}  // namespace dateline::jobs
