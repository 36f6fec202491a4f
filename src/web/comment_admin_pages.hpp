#pragma once
// The moderators' side of comments: /admin/comments (held and flagged comments, and the
// rules for new ones), and the actions on a comment (approve, reject, feature, suspend or
// ban its author) and on an article (close or open its comments).

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site_context.hpp"

namespace dateline::web {

http::Response AdminCommentsPage(const SiteContext& ctx, const http::Request& request);
http::Response AdminCommentApprove(const SiteContext& ctx, const http::Request& request);
http::Response AdminCommentReject(const SiteContext& ctx, const http::Request& request);
http::Response AdminCommentFeature(const SiteContext& ctx, const http::Request& request);
http::Response AdminCommentSuspend(const SiteContext& ctx, const http::Request& request);
// Lets a suspended or banned reader comment again.
http::Response AdminCommenterLift(const SiteContext& ctx, const http::Request& request);
http::Response AdminCommentSettingsSubmit(const SiteContext& ctx, const http::Request& request);
http::Response AdminArticleCommentsSubmit(const SiteContext& ctx, const http::Request& request);

}  // namespace dateline::web
