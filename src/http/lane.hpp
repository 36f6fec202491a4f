#pragma once

namespace dateline::http {

// Where a request runs. kInline: on the I/O thread (answered from memory: a cached page).
// kWorkers: on the worker pool (it may wait for the store). kHashing: on a pool of its own
// for the routes that hash a password (tens of milliseconds of CPU each), so a storm of
// sign-ins queues there and never takes the workers every other reader needs. kWrites:
// on a wider pool for requests that change the store (a comment, a form): they mostly wait
// for their group commit's disk sync, not compute, so many of them share one sync while
// the page workers stay few (more threads building pages on two cores only thrash).
enum class Lane { kWorkers, kInline, kHashing, kWrites };

// Whether this thread is running a handler inline, on an I/O thread. A handler that finds
// it would have to wait there (a page not in the cache) answers Response::OnWorker()
// instead, and the server runs it again on a worker: a cache miss never holds up the
// other connections an I/O thread serves.
inline bool& RunningInline() {
  thread_local bool running_inline = false;
  return running_inline;
}

class InlineScope {
 public:
  InlineScope() { RunningInline() = true; }
  ~InlineScope() { RunningInline() = false; }
  InlineScope(const InlineScope&) = delete;
  InlineScope& operator=(const InlineScope&) = delete;
};

}  // namespace dateline::http
