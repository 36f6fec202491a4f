#pragma once
// Watches the store's content generation and calls back when it moves, so a change made
// by another process (the CLI, another node) empties this node's page cache within one
// interval. Runs on a thread of its own; Stop() or the destructor ends it.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "store/db.hpp"

namespace dateline::jobs {

class ContentWatcher {
 public:
  ContentWatcher(store::Db& db, std::chrono::milliseconds interval,
                 std::function<void()> on_change);
  ~ContentWatcher();
  void Start();
  void Stop();
  // Check now rather than at the next interval (a NOTIFY arrived). Any thread.
  void Poke();

 private:
  void Loop();

  store::Db& db_;
  std::chrono::milliseconds interval_;
  std::function<void()> on_change_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;   // GUARDED_BY(mu_)
  bool poked_ = false;  // GUARDED_BY(mu_)
  int64_t seen_ = -1;   // touched by Start() before the thread exists, then only by it
  std::thread thread_;
};

}  // namespace dateline::jobs
