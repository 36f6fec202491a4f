#pragma once
// The email a reader gets when someone replies to their comment (if they asked for it).
// web/ implements this with the email templates, the site URL and the unsubscribe link.

#include <cstdint>
#include <string>

#include "mail/message.hpp"

namespace dateline::comments {

struct ReplyNotice {
  int64_t reader_id = 0;  // who is told
  std::string to_email;
  std::string to_name;
  std::string replier;  // display name of who replied
  std::string article_headline;
  std::string article_slug;
  int64_t reply_id = 0;
  std::string reply_text;  // plain text, as stored
};

class ReplyMailer {
 public:
  virtual ~ReplyMailer() = default;
  virtual mail::Message Reply(const ReplyNotice& notice) const = 0;
};

}  // namespace dateline::comments
