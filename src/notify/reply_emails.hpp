#pragma once
// Reply notifications: the email (templates/emails/reply.*) and its one-click unsubscribe
// link (RFC 8058: List-Unsubscribe and List-Unsubscribe-Post). The link carries the
// reader's id and a keyed hash of it, so it works without signing in and cannot be made
// for someone else.

#include <cstdint>
#include <string>
#include <string_view>

#include "comments/reply_mailer.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "render/templates.hpp"

namespace dateline::notify {

std::string UnsubscribeRepliesUrl(const core::Config& config, const core::SecretKey& secret,
                                  int64_t user_id);

// The reader an unsubscribe link is for, from its `u` and `t` parameters; 0 when the link
// is not one of ours.
int64_t ReaderOfUnsubscribeLink(const core::SecretKey& secret, std::string_view user_id,
                                std::string_view token);

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

}  // namespace dateline::notify
