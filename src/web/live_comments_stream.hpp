#pragma once
// Live comments: GET /articles/{slug}/comments/events is a Server-Sent Events stream of
// the article's newly approved comments (each already rendered, escaped, as the page
// shows it); static/js/comments-live.js appends them, and the page works without it.
// LiveCommentRelay turns "comment N was approved" (from this node, or from any node over
// PostgreSQL NOTIFY) into events for this node's watchers, on a thread of its own.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "articles/article.hpp"
#include "comments/comment.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site_context.hpp"

namespace dateline::web {

// One SSE event ("id", "event: comment", "data: {json}") for the comment.
core::Result<std::string> CommentEvent(const SiteContext& ctx, const articles::Article& article,
                                       const comments::Comment& comment);

http::Response CommentEventsStream(const SiteContext& ctx, const http::Request& request);

class LiveCommentRelay {
 public:
  explicit LiveCommentRelay(const SiteContext& ctx) : ctx_(ctx) {}
  ~LiveCommentRelay() { Stop(); }
  // From any thread: comment `id` was approved; its watchers should hear of it.
  void Announce(int64_t comment_id);
  void Start();
  void Stop();

 private:
  void Run();
  void Relay(int64_t comment_id);

  const SiteContext& ctx_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int64_t> queue_;  // GUARDED_BY(mu_)
  bool stop_ = false;          // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace dateline::web
