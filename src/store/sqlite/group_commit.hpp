#pragma once
// Group commit: writers that arrive while one group is being written wait together, and
// the next group goes to disk in one transaction with one sync. With synchronous=FULL a
// commit costs a disk flush; one flush for every writer that queued behind it turns "one
// writer at a time, each waiting for the disk" into "as many as arrived, one wait".
//
// The first waiter to find no group running leads: it takes everyone queued (up to a
// bound), runs them through `write_group`, and wakes them with their results. Each
// member's body runs on the leader's thread while its own thread waits, so whatever the
// body captures by reference stays alive; exceptions are carried back to the member's
// thread.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::store {

class GroupCommit {
 public:
  using Body = std::function<core::Result<void>(Executor&)>;
  struct Member {
    const Body* body = nullptr;
    core::Result<void> result;
    std::exception_ptr thrown;  // what the body threw, rethrown on the member's thread
    bool done = false;          // GUARDED_BY(GroupCommit::mu_)
  };
  // Writes one group: sets every member's result (or `thrown`). Must not throw.
  using WriteGroup = std::function<void(const std::vector<Member*>& group)>;

  GroupCommit(WriteGroup write_group, size_t max_group)
      : write_group_(std::move(write_group)), max_group_(max_group) {}

  // Runs `body` in the next group to commit; returns once that group is on disk (or
  // has failed), with the body's own result.
  core::Result<void> Run(const Body& body);

  // Groups written and members in them since start, and writers queued now (for tests
  // and /metrics).
  struct Counts {
    uint64_t groups = 0;
    uint64_t members = 0;
    size_t waiting = 0;
  };
  Counts counts();

 private:
  WriteGroup write_group_;
  const size_t max_group_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Member*> waiting_;  // GUARDED_BY(mu_)
  bool leading_ = false;         // GUARDED_BY(mu_)
  Counts counts_;                // GUARDED_BY(mu_)
};

}  // namespace dateline::store
