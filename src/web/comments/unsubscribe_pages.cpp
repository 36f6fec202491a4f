#include "web/comments/unsubscribe_pages.hpp"

#include "http/form.hpp"
#include "notify/reply_emails.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"
#include "web/kit/visitor.hpp"

namespace dateline::web {
namespace {

// The reader the link is for, or 0 when the link is not one of ours.
int64_t ReaderOf(const CommentsContext& ctx, const http::Request& request) {
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) return 0;
  return notify::ReaderOfUnsubscribeLink(ctx.secret, query->Value("u"), query->Value("t"));
}

http::Response BadLink(const CommentsContext& ctx, const Visitor& v) {
  return NoticePage(ctx, v, "This link does not work",
                    {"The unsubscribe link is incomplete or was changed. You can turn reply "
                     "emails off on your account page."},
                    "/account", "Your account", 400);
}

}  // namespace

http::Response UnsubscribeRepliesPage(const CommentsContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  if (ReaderOf(ctx, request) == 0) return BadLink(ctx, *visitor);
  render::View view;
  view["action"] = "/unsubscribe/replies?" + request.query;
  PageMeta meta;
  meta.title = "Stop emails about replies";
  return VisitorPage(ctx, *visitor, meta, "pages/unsubscribe", std::move(view));
}

http::Response UnsubscribeRepliesSubmit(const CommentsContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  int64_t reader = ReaderOf(ctx, request);
  if (reader == 0) return BadLink(ctx, *visitor);
  auto r = ctx.comments.SetReplyEmails(reader, false);
  if (!r.ok()) return ErrorPageFor(ctx, r.error());
  return NoticePage(ctx, *visitor, "You will get no more emails about replies",
                    {"You can turn them back on from your account page at any time."}, "/",
                    "Go to the front page");
}

http::Response AccountNotificationsSubmit(const CommentsContext& ctx,
                                          const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/account");
  if (!posted) return instead;
  auto r = ctx.comments.SetReplyEmails(posted->visitor.viewer->user.id,
                                       posted->form.Value("reply_emails") == "on");
  if (!r.ok()) return ErrorPageFor(ctx, r.error());
  return SeeOther("/account?done=notifications");
}

}  // namespace dateline::web
