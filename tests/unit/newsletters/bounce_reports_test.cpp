// Reading what comes back: a DSN (RFC 3464) with a hard and a soft recipient, an ARF
// complaint (RFC 5965) naming the reader only inside the original message, a mailbox of
// several, and messages that are neither; the VERP address names the copy.

#include "newsletters/bounce_reports.hpp"

#include <gtest/gtest.h>

#include "core/csv.hpp"

namespace dateline::newsletters {
namespace {

constexpr const char* kDsn =
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
    "To: bounces+d42-abcdef0123@news.example.org\r\n"
    "Subject: Undelivered Mail Returned to Sender\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/report; report-type=delivery-status;\r\n"
    "\tboundary=\"B1\"\r\n"
    "\r\n"
    "--B1\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "I'm sorry to have to inform you that your message could not be delivered.\r\n"
    "--B1\r\n"
    "Content-Type: message/delivery-status\r\n"
    "\r\n"
    "Reporting-MTA: dns; mx.example.net\r\n"
    "Arrival-Date: Tue, 1 Dec 2026 04:00:00 +0000\r\n"
    "\r\n"
    "Final-Recipient: rfc822; Gone@Example.COM\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <gone@example.com>: Recipient address rejected\r\n"
    "\r\n"
    "Final-Recipient: rfc822; full@example.com\r\n"
    "Action: delayed\r\n"
    "Status: 4.2.2\r\n"
    "\r\n"
    "--B1\r\n"
    "Content-Type: text/rfc822-headers\r\n"
    "\r\n"
    "Return-Path: <bounces+d42-abcdef0123@news.example.org>\r\n"
    "Subject: The Morning Briefing\r\n"
    "\r\n"
    "--B1--\r\n";

constexpr const char* kArf =
    "From: feedback@isp.example\r\n"
    "To: abuse@news.example.org\r\n"
    "Subject: FW: The Morning Briefing\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/report; report-type=feedback-report; boundary=\"part1\"\r\n"
    "\r\n"
    "--part1\r\n"
    "Content-Type: text/plain; charset=\"US-ASCII\"\r\n"
    "\r\n"
    "This is an email abuse report.\r\n"
    "--part1\r\n"
    "Content-Type: message/feedback-report\r\n"
    "\r\n"
    "Feedback-Type: abuse\r\n"
    "User-Agent: SomeGenerator/1.0\r\n"
    "Version: 1\r\n"
    "\r\n"
    "--part1\r\n"
    "Content-Type: message/rfc822\r\n"
    "Content-Disposition: inline\r\n"
    "\r\n"
    "Return-Path: <bounces+d7-0123456789@news.example.org>\r\n"
    "From: The Dateline <news@news.example.org>\r\n"
    "To: Annoyed Reader <annoyed@example.com>\r\n"
    "Subject: The Morning Briefing\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "SGVsbG8=\r\n"
    "--part1--\r\n";

std::optional<int64_t> Lookup(std::string_view address) {
  if (address == "bounces+d42-abcdef0123@news.example.org") return 42;
  if (address == "bounces+d7-0123456789@news.example.org") return 7;
  return std::nullopt;
}

TEST(BounceReportsTest, ADsnSaysWhichRecipientFailedForGoodAndWhichOnlyForNow) {
  auto message = mail::ParseMime(kDsn);
  ASSERT_TRUE(message.ok());
  EXPECT_EQ(message->ContentType(), "multipart/report");
  EXPECT_EQ(message->ContentTypeParam("report-type"), "delivery-status");
  auto findings = ReadReport(*message, Lookup);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].kind, FindingKind::kHardBounce);
  EXPECT_EQ(findings[0].email, "gone@example.com");
  EXPECT_EQ(findings[0].detail, "5.1.1");
  EXPECT_EQ(findings[0].delivery_id, 42);
  EXPECT_EQ(findings[1].kind, FindingKind::kSoftBounce);
  EXPECT_EQ(findings[1].email, "full@example.com");
}

TEST(BounceReportsTest, AnArfComplaintNamesTheReaderInTheOriginalMessage) {
  auto message = mail::ParseMime(kArf);
  ASSERT_TRUE(message.ok());
  auto findings = ReadReport(*message, Lookup);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kComplaint);
  EXPECT_EQ(findings[0].email, "annoyed@example.com");
  EXPECT_EQ(findings[0].detail, "abuse");
  EXPECT_EQ(findings[0].delivery_id, 7);
  // The embedded message's base64 body is decoded.
  ASSERT_EQ(message->parts.size(), 3u);
  ASSERT_EQ(message->parts[2].parts.size(), 1u);
  EXPECT_EQ(message->parts[2].parts[0].body, "Hello");
}

TEST(BounceReportsTest, AMailboxIsSplitIntoItsMessagesAndOrdinaryMailIsNoReport) {
  std::string mbox = std::string("From MAILER-DAEMON Tue Dec  1 04:00:00 2026\n") + kDsn +
                     "\nFrom feedback@isp.example Tue Dec  1 04:01:00 2026\n" + kArf +
                     "\nFrom ann@example.org Tue Dec  1 04:02:00 2026\n"
                     "Subject: Out of office\n\nI am away.\n";
  auto messages = mail::SplitMailbox(mbox);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(ReadReport(*mail::ParseMime(messages[0]), Lookup).size(), 2u);
  EXPECT_EQ(ReadReport(*mail::ParseMime(messages[1]), Lookup).size(), 1u);
  EXPECT_TRUE(ReadReport(*mail::ParseMime(messages[2]), Lookup).empty());
  // A single message without a "From " line is a mailbox of one.
  EXPECT_EQ(mail::SplitMailbox(kArf).size(), 1u);
  EXPECT_TRUE(mail::SplitMailbox("").empty());
}

TEST(BounceReportsTest, HostileNestingIsRefusedNotFollowed) {
  std::string deep;
  for (int i = 0; i < 50; ++i) {
    deep += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\r\n\r\n--b" +
            std::to_string(i) + "\r\n";
  }
  auto parsed = mail::ParseMime(deep);
  EXPECT_FALSE(parsed.ok());
  std::string wide = "Content-Type: multipart/mixed; boundary=\"w\"\r\n\r\n";
  for (int i = 0; i < 1000; ++i) wide += "--w\r\n\r\nx\r\n";
  EXPECT_FALSE(mail::ParseMime(wide).ok());
}

TEST(CsvReaderTest, QuotedFieldsCommasQuotesAndLineBreaks) {
  core::CsvReader reader(
      "\xEF\xBB\xBF"
      "email,name\r\nann@example.org,\"Lee, Ann\"\n\n\"b@x.org\",\"say "
      "\"\"hi\"\"\nthere\"\nc@x.org");
  std::vector<std::string> f;
  std::string error;
  ASSERT_EQ(reader.Next(f, error), core::CsvReader::Status::kRecord);
  EXPECT_EQ(f, (std::vector<std::string>{"email", "name"}));
  ASSERT_EQ(reader.Next(f, error), core::CsvReader::Status::kRecord);
  EXPECT_EQ(f, (std::vector<std::string>{"ann@example.org", "Lee, Ann"}));
  EXPECT_EQ(reader.line(), 2u);
  ASSERT_EQ(reader.Next(f, error), core::CsvReader::Status::kRecord);
  EXPECT_EQ(f, (std::vector<std::string>{"b@x.org", "say \"hi\"\nthere"}));
  EXPECT_EQ(reader.line(), 4u);
  ASSERT_EQ(reader.Next(f, error), core::CsvReader::Status::kRecord);
  EXPECT_EQ(f, (std::vector<std::string>{"c@x.org"}));
  EXPECT_EQ(reader.line(), 6u);
  EXPECT_EQ(reader.Next(f, error), core::CsvReader::Status::kEnd);
}

TEST(CsvReaderTest, BrokenQuotingAndOversizedFieldsStopTheReading) {
  std::vector<std::string> f;
  std::string error;
  core::CsvReader open_quote("a,\"never closed\n");
  EXPECT_EQ(open_quote.Next(f, error), core::CsvReader::Status::kError);
  EXPECT_NE(error.find("never closed"), std::string::npos);
  core::CsvReader stray("a\"b,c\n");
  EXPECT_EQ(stray.Next(f, error), core::CsvReader::Status::kError);
  std::string long_field(core::kMaxCsvField + 1, 'x');
  core::CsvReader huge(long_field);
  EXPECT_EQ(huge.Next(f, error), core::CsvReader::Status::kError);
  std::string many_fields(core::kMaxCsvFields + 1, ',');
  core::CsvReader wide(many_fields);
  EXPECT_EQ(wide.Next(f, error), core::CsvReader::Status::kError);
}

}  // namespace
}  // namespace dateline::newsletters
