#pragma once
// Reply notifications: the email (templates/emails/reply.*), its one-click unsubscribe
// link (RFC 8058: List-Unsubscribe and List-Unsubscribe-Post), and the pages behind it.
// The link carries the reader's id and a keyed hash of it, so it works without signing
// in and cannot be made for someone else.

#include <cstdint>
#include <string>

#include "comments/reply_mailer.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "render/templates.hpp"
#include "web/site_context.hpp"

namespace dateline::web {

std::string UnsubscribeRepliesUrl(const core::Config& config, const core::SecretKey& secret,
                                  int64_t user_id);

class TemplateReplyMailer final : public comments::ReplyMailer {
 public:
  TemplateReplyMailer(const render::Templates& templates, const core::Config& config,
                      const core::SecretKey& secret)
      : templates_(templates), config_(config), secret_(secret) {}
  mail::Message Reply(const comments::ReplyNotice& notice) const override;

 private:
  const render::Templates& templates_;
  const core::Config& config_;
  const core::SecretKey& secret_;
};

// GET: a page with one button. POST: stops the emails (a mail client's one-click POST
// carries no CSRF token; the keyed link is the proof).
http::Response UnsubscribeRepliesPage(const SiteContext& ctx, const http::Request& request);
http::Response UnsubscribeRepliesSubmit(const SiteContext& ctx, const http::Request& request);
// POST /account/notifications: the reader's choice, from /account.
http::Response AccountNotificationsSubmit(const SiteContext& ctx, const http::Request& request);

}  // namespace dateline::web
