#include "web/comments/routes.hpp"

#include "web/comments/comment_admin_pages.hpp"
#include "web/comments/comment_pages.hpp"
#include "web/comments/live_comments_stream.hpp"
#include "web/comments/unsubscribe_pages.hpp"

namespace dateline::web {

using http::Method;

void RegisterCommentRoutes(http::Router& router, const CommentsContext& ctx) {
  router.Add(Method::kGet, "/articles/{slug}/comments", Bind(ctx, CommentsPage));
  router.Add(Method::kPost, "/articles/{slug}/comments", Bind(ctx, CommentSubmit));
  router.Add(Method::kGet, "/articles/{slug}/comments/events", Bind(ctx, CommentEventsStream));
  router.Add(Method::kPost, "/comments/{id}/edit", Bind(ctx, CommentEditSubmit));
  router.Add(Method::kPost, "/comments/{id}/delete", Bind(ctx, CommentDeleteSubmit));
  router.Add(Method::kPost, "/comments/{id}/recommend", Bind(ctx, CommentRecommendSubmit));
  router.Add(Method::kPost, "/comments/{id}/flag", Bind(ctx, CommentFlagSubmit));
  router.Add(Method::kGet, "/comments/{id}/fragment", Bind(ctx, CommentFragment));
  router.Add(Method::kGet, "/admin/comments", Bind(ctx, AdminCommentsPage));
  router.Add(Method::kPost, "/admin/comments/settings", Bind(ctx, AdminCommentSettingsSubmit));
  router.Add(Method::kPost, "/admin/comments/{id}/approve", Bind(ctx, AdminCommentApprove));
  router.Add(Method::kPost, "/admin/comments/{id}/reject", Bind(ctx, AdminCommentReject));
  router.Add(Method::kPost, "/admin/comments/{id}/feature", Bind(ctx, AdminCommentFeature));
  router.Add(Method::kPost, "/admin/comments/{id}/suspend", Bind(ctx, AdminCommentSuspend));
  router.Add(Method::kPost, "/admin/commenters/{id}/lift", Bind(ctx, AdminCommenterLift));
  router.Add(Method::kPost, "/admin/articles/{slug}/comments",
             Bind(ctx, AdminArticleCommentsSubmit));
  router.Add(Method::kGet, "/unsubscribe/replies", Bind(ctx, UnsubscribeRepliesPage));
  router.Add(Method::kPost, "/unsubscribe/replies", Bind(ctx, UnsubscribeRepliesSubmit));
  router.Add(Method::kPost, "/account/notifications", Bind(ctx, AccountNotificationsSubmit));
}

}  // namespace dateline::web
