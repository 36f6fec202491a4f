#pragma once
// The moderators' side of comments: /admin/comments (held and flagged comments, and the
// rules for new ones), and the actions on a comment (approve, reject, feature, suspend or
// ban its author) and on an article (close or open its comments).

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/comments/context.hpp"

namespace dateline::web {

http::Response AdminCommentsPage(const CommentsContext& ctx, const http::Request& request);
http::Response AdminCommentApprove(const CommentsContext& ctx, const http::Request& request);
http::Response AdminCommentReject(const CommentsContext& ctx, const http::Request& request);
http::Response AdminCommentFeature(const CommentsContext& ctx, const http::Request& request);
http::Response AdminCommentSuspend(const CommentsContext& ctx, const http::Request& request);
// Lets a suspended or banned reader comment again.
http::Response AdminCommenterLift(const CommentsContext& ctx, const http::Request& request);
http::Response AdminCommentSettingsSubmit(const CommentsContext& ctx, const http::Request& request);
http::Response AdminArticleCommentsSubmit(const CommentsContext& ctx, const http::Request& request);

}  // namespace dateline::web
