#include "store/sqlite/group_commit.hpp"

#include <algorithm>

namespace dateline::store {

core::Result<void> GroupCommit::Run(const Body& body) {
  Member me;
  me.body = &body;
  {
    std::unique_lock lock(mu_);
    waiting_.push_back(&me);
    while (!me.done) {
      if (leading_) {
        cv_.wait(lock);
        continue;
      }
      // Lead the next group. It may not hold us if more than a group's worth came first;
      // then we lead again (or follow) until ours is written, in arrival order.
      leading_ = true;
      size_t n = std::min(waiting_.size(), max_group_);
      std::vector<Member*> group(waiting_.begin(), waiting_.begin() + static_cast<long>(n));
      waiting_.erase(waiting_.begin(), waiting_.begin() + static_cast<long>(n));
      lock.unlock();
      try {
        write_group_(group);
      } catch (...) {
        // A broken promise, not a body's exception (those are caught per member): fail
        // the group rather than leave its members waiting for ever.
        for (Member* m : group) m->thrown = std::current_exception();
      }
      lock.lock();
      for (Member* m : group) m->done = true;
      counts_.groups += 1;
      counts_.members += group.size();
      leading_ = false;
      cv_.notify_all();
    }
  }
  if (me.thrown) std::rethrow_exception(me.thrown);
  return std::move(me.result);
}

GroupCommit::Counts GroupCommit::counts() {
  std::lock_guard lock(mu_);
  Counts now = counts_;
  now.waiting = waiting_.size();
  return now;
}

}  // namespace dateline::store
