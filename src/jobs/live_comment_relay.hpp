#pragma once
// Turns "comment N was approved" (from this node, or from any node over PostgreSQL
// NOTIFY) into events for this node's live readers, on a thread of its own: the announcer
// (a request, or the store's listener) never waits for the rendering. `publish` renders
// the comment and hands it to the watchers (web/ supplies it).

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace dateline::jobs {

class LiveCommentRelay {
 public:
  explicit LiveCommentRelay(std::function<void(int64_t comment_id)> publish)
      : publish_(std::move(publish)) {}
  ~LiveCommentRelay() { Stop(); }
  LiveCommentRelay(const LiveCommentRelay&) = delete;

  // From any thread: comment `id` was approved; its watchers should hear of it.
  void Announce(int64_t comment_id);
  void Start();
  // Joins the thread; safe to call twice.
  void Stop();

 private:
  void Run();

  std::function<void(int64_t)> publish_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int64_t> queue_;  // GUARDED_BY(mu_)
  bool stop_ = false;          // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace dateline::jobs
