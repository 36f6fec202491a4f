#pragma once
// The loop every background job shares: call `tick` on a thread of its own, then wait
// `interval` (or less when poked, or not at all when `tick` says there is more to do),
// until stopped. Stop() joins the thread; it is safe to call twice.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace dateline::jobs {

class Periodic {
 public:
  // `tick` returns true when it has more work waiting (run again at once).
  Periodic(std::chrono::milliseconds interval, std::function<bool()> tick);
  ~Periodic();
  Periodic(const Periodic&) = delete;

  void Start();
  void Stop();
  // Run the next tick now rather than at the end of the interval. Any thread.
  void Poke();
  // Whether Stop() was called: a long tick checks between its steps and ends early.
  bool Stopping();

 private:
  std::chrono::milliseconds interval_;
  std::function<bool()> tick_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;   // GUARDED_BY(mu_)
  bool poked_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace dateline::jobs
