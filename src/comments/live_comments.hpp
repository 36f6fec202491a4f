#pragma once
// Newly approved comments, fanned out to everyone on this node who watches the article
// (its Server-Sent Events stream). Each watcher has a bounded buffer: a client too slow
// to keep up is dropped (its browser reconnects and catches up by Last-Event-ID).
// Across nodes the news travels over PostgreSQL NOTIFY (see web/live_comment_relay).
// Thread-safe.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace dateline::comments {

class LiveComments {
 public:
  class Watcher {
   public:
    // What was published since the last call; nullopt once the watcher is closed.
    std::optional<std::string> Take();
    void OnReady(std::function<void()> wake);
    void Push(const std::string& event);
    void Close();

    static constexpr size_t kMaxBuffered = 256 * 1024;

   private:
    std::mutex mu_;
    std::string buffer_;          // GUARDED_BY(mu_)
    bool closed_ = false;         // GUARDED_BY(mu_)
    std::function<void()> wake_;  // GUARDED_BY(mu_)
  };

  std::shared_ptr<Watcher> Watch(int64_t article_id, const std::string& backlog = "");
  void Publish(int64_t article_id, const std::string& event);
  void CloseAll();
  size_t watching() const;

 private:
  mutable std::mutex mu_;
  std::map<int64_t, std::vector<std::weak_ptr<Watcher>>> watchers_;  // GUARDED_BY(mu_)
};

}  // namespace dateline::comments
