#include "web/comments/live_comments_stream.hpp"

#include <spdlog/spdlog.h>

#include "articles/json_ld.hpp"
#include "core/json_text.hpp"
#include "core/text.hpp"
#include "web/comments/comment_pages.hpp"
#include "web/kit/error_pages.hpp"

namespace dateline::web {
namespace {

constexpr int kBacklog = 100;  // comments replayed to a reconnecting client at most
// The replay must fit the stream's buffer with room to spare, or the stream would be
// closed before its first event and the browser would reconnect into the same wall.
constexpr size_t kBacklogBytes = comments::LiveComments::Watcher::kMaxBuffered / 2;

// The http::EventStream face of a comments watcher.
class CommentStream final : public http::EventStream {
 public:
  explicit CommentStream(std::shared_ptr<comments::LiveComments::Watcher> w) : w_(std::move(w)) {}
  std::optional<std::string> Take() override { return w_->Take(); }
  void OnReady(std::function<void()> wake) override { w_->OnReady(std::move(wake)); }

 private:
  std::shared_ptr<comments::LiveComments::Watcher> w_;
};

}  // namespace

core::Result<std::string> CommentEvent(const CommentsContext& ctx, const articles::Article& article,
                                       const comments::Comment& c) {
  auto html = RenderPublicComment(ctx, article, c);
  if (!html.ok()) return html.error();
  // JsonString escapes quotes, control characters and < > &, so the data line is one
  // line of inert JSON whatever the comment says.
  return "id: " + std::to_string(c.id) + "\nevent: comment\ndata: {\"id\":" + std::to_string(c.id) +
         ",\"thread_id\":" + std::to_string(c.thread_id) +
         ",\"parent_id\":" + std::to_string(c.parent_id) +
         ",\"author\":" + core::JsonString(c.author) + ",\"html\":" + core::JsonString(*html) +
         "}\n\n";
}

http::Response CommentEventsStream(const CommentsContext& ctx, const http::Request& request) {
  auto found = ctx.articles.FindPublished(request.PathParam("slug"));
  if (!found.ok()) return ErrorPageFor(ctx, found.error());
  if (!*found) return ErrorPage(ctx, 404);
  // A reconnecting browser says what it saw last; it gets what it missed.
  int64_t after = core::ParseId(request.Header("last-event-id"));
  std::string backlog = "retry: 3000\n\n";
  if (after > 0) {
    auto missed = ctx.comments.ApprovedSince((*found)->id, after, kBacklog + 1);
    if (!missed.ok()) return ErrorPageFor(ctx, missed.error());
    std::string replay;
    bool fits = missed->size() <= static_cast<size_t>(kBacklog);
    int64_t last_id = after;
    for (size_t i = 0; fits && i < missed->size(); ++i) {
      auto event = CommentEvent(ctx, **found, (*missed)[i]);
      if (!event.ok()) return ErrorPageFor(ctx, event.error());
      fits = replay.size() + event->size() <= kBacklogBytes;
      if (fits) replay += *event;
      last_id = std::max(last_id, (*missed)[i].id);
    }
    // Too much was missed to replay: the page is told to reload its comments, and the
    // stream carries on from here (the id moves past what was skipped, so a reconnect
    // does not ask for the same wall again).
    backlog += fits ? replay : "id: " + std::to_string(last_id) + "\nevent: gap\ndata: {}\n\n";
  }
  http::Response r;
  r.content_type = "text/event-stream; charset=utf-8";
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Accel-Buffering", "no");  // nginx: pass events on at once
  r.stream = std::make_shared<CommentStream>(ctx.live.Watch((*found)->id, backlog));
  return r;
}

void PublishLiveComment(const CommentsContext& ctx, int64_t comment_id) {
  auto c = ctx.comments.Find(comment_id);
  if (!c.ok() || !*c || (*c)->status != comments::Status::kApproved) return;
  auto a = ctx.articles.FindPublishedById((*c)->article_id);
  if (!a.ok() || !*a) return;
  auto event = CommentEvent(ctx, **a, **c);
  if (!event.ok()) {
    spdlog::warn("live comment {}: {}", comment_id, event.error().message);
    return;
  }
  ctx.live.Publish((*a)->id, *event);
}

}  // namespace dateline::web
