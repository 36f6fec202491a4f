#pragma once
// Live comments: GET /articles/{slug}/comments/events is a Server-Sent Events stream of
// the article's newly approved comments (each already rendered, escaped, as the page
// shows it); static/js/comments-live.js appends them, and the page works without it.

#include <cstdint>
#include <string>

#include "articles/article.hpp"
#include "comments/comment.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "web/comments/context.hpp"

namespace dateline::web {

// One SSE event ("id", "event: comment", "data: {json}") for the comment.
core::Result<std::string> CommentEvent(const CommentsContext& ctx, const articles::Article& article,
                                       const comments::Comment& comment);

http::Response CommentEventsStream(const CommentsContext& ctx, const http::Request& request);

// Renders approved comment `comment_id` as an event and hands it to this node's watchers
// of its article (jobs::LiveCommentRelay calls it on its own thread).
void PublishLiveComment(const CommentsContext& ctx, int64_t comment_id);

}  // namespace dateline::web
