#pragma once
// The conversation under an article: the comments section (rendered into the article page
// and into /articles/{slug}/comments, which pages and sorts it), and the readers' forms:
// post, reply, edit, delete, recommend, flag.

#include <string>

#include "articles/article.hpp"
#include "comments/comment.hpp"
#include "comments/comment_policy.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "web/comments/context.hpp"

namespace dateline::web {

struct Visitor;

// The visitor as the comment rules see them (anonymous when null or signed out).
core::Result<comments::Commenter> CommenterOf(const CommentsContext& ctx, const Visitor* visitor);

// The comments section's HTML for the visitor: the first page in `sort`, or the page after
// `cursor`; or, with `thread_id`, that one thread with all its replies.
core::Result<std::string> RenderCommentsSection(const CommentsContext& ctx,
                                                const articles::Article& article,
                                                const Visitor* visitor, comments::Sort sort,
                                                const std::string& cursor, int64_t thread_id = 0);

// One comment as everyone sees it (no per-reader controls): for live updates.
core::Result<std::string> RenderPublicComment(const CommentsContext& ctx,
                                              const articles::Article& article,
                                              const comments::Comment& comment);

http::Response CommentsPage(const CommentsContext& ctx, const http::Request& request);
http::Response CommentSubmit(const CommentsContext& ctx, const http::Request& request);
http::Response CommentEditSubmit(const CommentsContext& ctx, const http::Request& request);
http::Response CommentDeleteSubmit(const CommentsContext& ctx, const http::Request& request);
http::Response CommentRecommendSubmit(const CommentsContext& ctx, const http::Request& request);
http::Response CommentFlagSubmit(const CommentsContext& ctx, const http::Request& request);
// One comment as this visitor sees it on the page, controls included: what the live
// script puts in the page when a comment arrives, so a signed-in reader can reply to it,
// recommend or flag it without reloading.
http::Response CommentFragment(const CommentsContext& ctx, const http::Request& request);

}  // namespace dateline::web
