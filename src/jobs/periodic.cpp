#include "jobs/periodic.hpp"

namespace dateline::jobs {

Periodic::Periodic(std::chrono::milliseconds interval, std::function<bool()> tick)
    : interval_(interval), tick_(std::move(tick)) {}

Periodic::~Periodic() { Stop(); }

void Periodic::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      bool more = tick_();
      lock.lock();
      if (!more) cv_.wait_for(lock, interval_, [this] { return stop_ || poked_; });
      poked_ = false;
    }
  });
}

void Periodic::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool Periodic::Stopping() {
  std::lock_guard lock(mu_);
  return stop_;
}

void Periodic::Poke() {
  {
    std::lock_guard lock(mu_);
    poked_ = true;
  }
  cv_.notify_all();
}

}  // namespace dateline::jobs
