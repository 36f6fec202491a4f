#include "jobs/live_comment_relay.hpp"

namespace dateline::jobs {

void LiveCommentRelay::Announce(int64_t comment_id) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(comment_id);
  }
  cv_.notify_one();
}

void LiveCommentRelay::Start() {
  thread_ = std::thread([this] { Run(); });
}

void LiveCommentRelay::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void LiveCommentRelay::Run() {
  for (;;) {
    int64_t id = 0;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      id = queue_.front();
      queue_.pop_front();
    }
    publish_(id);
  }
}

}  // namespace dateline::jobs
