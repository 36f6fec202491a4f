#pragma once
// An email as the domains write it, and its RFC 5322 form as transports send it.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace dateline::mail {

struct Message {
  std::string to;
  std::string subject;    // UTF-8; encoded as an RFC 2047 word when not ASCII
  std::string text_body;  // UTF-8 plain text
  std::string html_body;  // UTF-8 HTML; empty for text only
  std::vector<std::pair<std::string, std::string>> extra_headers;  // e.g. List-Unsubscribe
};

struct Sender {
  std::string from_address;  // news@example.org
  std::string from_name;     // The Dateline
  std::string message_id_domain;
};

// The full message: Date, From, To, Subject, Message-ID, MIME-Version and a
// multipart/alternative body (text, then HTML), each part base64 in UTF-8.
std::string FormatRfc5322(const Message& message, const Sender& sender, int64_t now,
                          const std::string& message_id);

// "=?UTF-8?B?...?=" for non-ASCII header text; ASCII unchanged.
std::string EncodeHeaderWord(const std::string& text);

// A header value with CR and LF removed (no header injection from user data).
std::string SanitizeHeaderValue(const std::string& value);

}  // namespace dateline::mail
