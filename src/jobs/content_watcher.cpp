#include "jobs/content_watcher.hpp"

#include <spdlog/spdlog.h>

#include "store/content_generation.hpp"

namespace dateline::jobs {

ContentWatcher::ContentWatcher(store::Db& db, std::chrono::milliseconds interval,
                               std::function<void()> on_change)
    : db_(db), on_change_(std::move(on_change)), loop_(interval, [this] { return Check(); }) {}

void ContentWatcher::Start() {
  // Read once before serving starts, so a change made right after start is not missed.
  auto generation = store::ReadContentGeneration(db_);
  seen_ = generation.ok() ? *generation : -1;
  loop_.Start();
}

bool ContentWatcher::Check() {
  auto generation = store::ReadContentGeneration(db_);
  if (generation.ok()) {
    if (*generation != seen_) on_change_();
    seen_ = *generation;
    warned_ = false;
  } else if (!warned_) {
    spdlog::warn("content watcher cannot read the store: {}", generation.error().message);
    warned_ = true;
  }
  return false;
}

}  // namespace dateline::jobs
