#include "web/comment_emails.hpp"

#include <spdlog/spdlog.h>

#include <charconv>

#include "comments/comment.hpp"
#include "http/form.hpp"
#include "web/error_pages.hpp"
#include "web/form_helpers.hpp"
#include "web/page_response.hpp"
#include "web/visitor.hpp"

namespace dateline::web {
namespace {

constexpr std::string_view kPurpose = "unsubscribe-replies";

std::string Token(const core::SecretKey& secret, int64_t user_id) {
  return core::KeyedHash(secret, kPurpose, std::to_string(user_id)).substr(0, 32);
}

// The reader the link is for, or 0 when the link is not one of ours.
int64_t ReaderOf(const SiteContext& ctx, const http::Request& request) {
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) return 0;
  std::string id_text = query->Value("u");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || end != id_text.data() + id_text.size() || id <= 0) return 0;
  return core::ConstantTimeEquals(Token(ctx.secret, id), query->Value("t")) ? id : 0;
}

http::Response BadLink(const SiteContext& ctx, const Visitor& v) {
  return NoticePage(ctx, v, "This link does not work",
                    {"The unsubscribe link is incomplete or was changed. You can turn reply "
                     "emails off on your account page."},
                    "/account", "Your account", 400);
}

}  // namespace

std::string UnsubscribeRepliesUrl(const core::Config& config, const core::SecretKey& secret,
                                  int64_t user_id) {
  return config.SiteUrl() + "/unsubscribe/replies?u=" + std::to_string(user_id) +
         "&t=" + Token(secret, user_id);
}

mail::Message TemplateReplyMailer::Reply(const comments::ReplyNotice& n) const {
  std::string link =
      config_.SiteUrl() + "/articles/" + n.article_slug + "#comment-" + std::to_string(n.reply_id);
  std::string unsubscribe = UnsubscribeRepliesUrl(config_, secret_, n.reader_id);
  std::string replier = n.replier.empty() ? "A former reader" : n.replier;
  render::View v;
  v["name"] = n.to_name;
  v["replier"] = replier;
  v["headline"] = n.article_headline;
  v["reply_text"] = n.reply_text;
  v["reply_html"] = comments::RenderCommentHtml(n.reply_text);
  v["link"] = link;
  v["unsubscribe"] = unsubscribe;
  v["site_title"] = config_.site_title;
  mail::Message m;
  m.to = n.to_email;
  m.subject = replier + " replied to your comment";
  auto text = templates_.Render("emails/reply.txt", v);
  auto html = templates_.Render("emails/reply.html", v);
  if (!text.ok() || !html.ok()) spdlog::error("email template reply failed");
  m.text_body = text.ok() ? *text : m.subject + "\n" + link;
  m.html_body = html.ok() ? *html : "";
  m.extra_headers = {{"List-Unsubscribe", "<" + unsubscribe + ">"},
                     {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
  return m;
}

http::Response UnsubscribeRepliesPage(const SiteContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  if (ReaderOf(ctx, request) == 0) return BadLink(ctx, *visitor);
  render::View view;
  view["action"] = "/unsubscribe/replies?" + request.query;
  PageMeta meta;
  meta.title = "Stop emails about replies";
  return VisitorPage(ctx, *visitor, meta, "pages/unsubscribe", std::move(view));
}

http::Response UnsubscribeRepliesSubmit(const SiteContext& ctx, const http::Request& request) {
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

http::Response AccountNotificationsSubmit(const SiteContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/account");
  if (!posted) return instead;
  auto r = ctx.comments.SetReplyEmails(posted->visitor.viewer->user.id,
                                       posted->form.Value("reply_emails") == "on");
  if (!r.ok()) return ErrorPageFor(ctx, r.error());
  return SeeOther("/account?done=notifications");
}

}  // namespace dateline::web
