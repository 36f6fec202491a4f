#include "mail/message.hpp"

#include <gtest/gtest.h>

namespace dateline::mail {
namespace {

TEST(MessageTest, FormatsAMultipartUtf8Message) {
  Message m{"reader@example.org",
            "Your code \xE2\x80\x94 5\xC2\xBD",
            "Code: ABCDE-FGHJK\n",
            "<p>Code</p>",
            {{"List-Unsubscribe", "<https://x/u>"}}};
  std::string raw = FormatRfc5322(m, {"news@example.org", "The Dateline", "example.org"}, 784111777,
                                  "abc@example.org");
  EXPECT_EQ(raw.rfind("Date: Sun, 06 Nov 1994 08:49:37 +0000\r\n", 0), 0u);
  EXPECT_NE(raw.find("From: The Dateline <news@example.org>\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(raw.find("Message-ID: <abc@example.org>\r\n"), std::string::npos);
  EXPECT_NE(raw.find("List-Unsubscribe: <https://x/u>\r\n"), std::string::npos);
  EXPECT_NE(raw.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(raw.find("multipart/alternative"), std::string::npos);
  EXPECT_NE(raw.find("Content-Type: text/plain; charset=utf-8"), std::string::npos);
  EXPECT_NE(raw.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(raw.find("Q29kZTogQUJDREUtRkdISksK"), std::string::npos);  // base64 of the text
}

TEST(MessageTest, HeadersCannotBeInjected) {
  Message m{"a@example.org\r\nBcc: victim@example.org", "Hi\r\nBcc: x@y.org", "t", "", {}};
  std::string raw = FormatRfc5322(m, {"n@example.org", "N", "example.org"}, 0, "id@example.org");
  EXPECT_EQ(raw.find("\r\nBcc:"), std::string::npos);
  EXPECT_EQ(EncodeHeaderWord("plain"), "plain");
}

}  // namespace
}  // namespace dateline::mail
