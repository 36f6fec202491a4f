#include "notify/reply_emails.hpp"

#include <spdlog/spdlog.h>

#include "comments/comment.hpp"
#include "core/text.hpp"

namespace dateline::notify {
namespace {

constexpr std::string_view kPurpose = "unsubscribe-replies";

std::string Token(const core::SecretKey& secret, int64_t user_id) {
  return core::KeyedHash(secret, kPurpose, std::to_string(user_id)).substr(0, 32);
}

}  // namespace

std::string UnsubscribeRepliesUrl(const core::Config& config, const core::SecretKey& secret,
                                  int64_t user_id) {
  return config.SiteUrl() + "/unsubscribe/replies?u=" + std::to_string(user_id) +
         "&t=" + Token(secret, user_id);
}

int64_t ReaderOfUnsubscribeLink(const core::SecretKey& secret, std::string_view user_id,
                                std::string_view token) {
  auto id = core::ParseInt64(user_id);
  if (!id || *id <= 0) return 0;
  return core::ConstantTimeEquals(Token(secret, *id), token) ? *id : 0;
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

}  // namespace dateline::notify
