#include "jobs/content_watcher.hpp"

#include <spdlog/spdlog.h>

#include "store/content_generation.hpp"

namespace dateline::jobs {

ContentWatcher::ContentWatcher(store::Db& db, std::chrono::milliseconds interval,
                               std::function<void()> on_change)
    : db_(db), interval_(interval), on_change_(std::move(on_change)) {}

ContentWatcher::~ContentWatcher() { Stop(); }

void ContentWatcher::Start() {
  // Read once before serving starts, so a change made right after start is not missed.
  auto generation = store::ReadContentGeneration(db_);
  seen_ = generation.ok() ? *generation : -1;
  thread_ = std::thread([this] { Loop(); });
}

void ContentWatcher::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ContentWatcher::Poke() {
  {
    std::lock_guard lock(mu_);
    poked_ = true;
  }
  cv_.notify_all();
}

void ContentWatcher::Loop() {
  bool warned = false;
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    auto generation = store::ReadContentGeneration(db_);
    if (generation.ok()) {
      if (*generation != seen_) on_change_();
      seen_ = *generation;
      warned = false;
    } else if (!warned) {
      spdlog::warn("content watcher cannot read the store: {}", generation.error().message);
      warned = true;
    }
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stop_ || poked_; });
    poked_ = false;
  }
}

}  // namespace dateline::jobs
