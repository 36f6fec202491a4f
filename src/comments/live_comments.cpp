#include "comments/live_comments.hpp"

namespace dateline::comments {

std::optional<std::string> LiveComments::Watcher::Take() {
  std::lock_guard lock(mu_);
  if (closed_ && buffer_.empty()) return std::nullopt;
  std::string out;
  out.swap(buffer_);
  return out;
}

void LiveComments::Watcher::OnReady(std::function<void()> wake) {
  std::function<void()> now;
  {
    std::lock_guard lock(mu_);
    wake_ = std::move(wake);
    if (!buffer_.empty() || closed_) now = wake_;
  }
  if (now) now();
}

void LiveComments::Watcher::Push(const std::string& event) {
  std::function<void()> wake;
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    if (buffer_.size() + event.size() > kMaxBuffered) {
      closed_ = true;  // too slow: drop it; the browser reconnects with Last-Event-ID
      buffer_.clear();
    } else {
      buffer_ += event;
    }
    wake = wake_;
  }
  if (wake) wake();
}

void LiveComments::Watcher::Close() {
  std::function<void()> wake;
  {
    std::lock_guard lock(mu_);
    closed_ = true;
    wake = wake_;
  }
  if (wake) wake();
}

std::shared_ptr<LiveComments::Watcher> LiveComments::Watch(int64_t article_id,
                                                           const std::string& backlog) {
  auto w = std::make_shared<Watcher>();
  if (!backlog.empty()) w->Push(backlog);
  std::lock_guard lock(mu_);
  auto& list = watchers_[article_id];
  // Forget watchers whose streams have ended.
  std::erase_if(list, [](const std::weak_ptr<Watcher>& p) { return p.expired(); });
  list.push_back(w);
  return w;
}

void LiveComments::Publish(int64_t article_id, const std::string& event) {
  std::vector<std::shared_ptr<Watcher>> targets;
  {
    std::lock_guard lock(mu_);
    auto it = watchers_.find(article_id);
    if (it == watchers_.end()) return;
    for (auto& weak : it->second)
      if (auto w = weak.lock()) targets.push_back(std::move(w));
  }
  for (auto& w : targets) w->Push(event);
}

void LiveComments::CloseAll() {
  std::vector<std::shared_ptr<Watcher>> all;
  {
    std::lock_guard lock(mu_);
    for (auto& [id, list] : watchers_)
      for (auto& weak : list)
        if (auto w = weak.lock()) all.push_back(std::move(w));
    watchers_.clear();
  }
  for (auto& w : all) w->Close();
}

size_t LiveComments::watching() const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (const auto& [id, list] : watchers_)
    for (const auto& weak : list) n += weak.expired() ? 0 : 1;
  return n;
}

}  // namespace dateline::comments
