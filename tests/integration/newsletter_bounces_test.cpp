// Bounces and complaints, on both stores: real copies go out through the SMTP test
// server; a DSN for one (RFC 3464, addressed to its VERP bounce address) and an ARF
// complaint about another (RFC 5965, carrying the original message) are fed to
// `dateline newsletter bounces`; both addresses are suppressed for every newsletter, their
// copies marked, a soft bounce changes nothing, and the next issue skips them.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

// The address inside "Return-Path: <...>" at the top of a received message.
std::string ReturnPath(const std::string& raw) {
  size_t open = raw.find('<');
  return raw.substr(open + 1, raw.find('>') - open - 1);
}

std::string Dsn(const std::string& verp, const std::string& recipient, const std::string& action,
                const std::string& status) {
  return "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
         "To: " +
         verp +
         "\n"
         "Subject: Undelivered Mail Returned to Sender\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\n\n"
         "--R\nContent-Type: text/plain\n\nYour message could not be delivered.\n"
         "--R\nContent-Type: message/delivery-status\n\n"
         "Reporting-MTA: dns; mx.example.net\n\n"
         "Final-Recipient: rfc822; " +
         recipient + "\nAction: " + action + "\nStatus: " + status + "\n\n--R--\n";
}

std::string Arf(const std::string& original) {
  return "From: feedback@isp.example\n"
         "To: abuse@example.org\n"
         "Subject: Complaint\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\n\n"
         "--F\nContent-Type: text/plain\n\nThis is an abuse report.\n"
         "--F\nContent-Type: message/feedback-report\n\n"
         "Feedback-Type: abuse\nUser-Agent: Example-FBL/1.0\nVersion: 1\n\n"
         "--F\nContent-Type: message/rfc822\n\n" +
         original + "\n--F--\n";
}

TEST(NewsletterBouncesTest, HardBouncesAndComplaintsSuppressAndTheNextIssueSkipsThem) {
  TestSite site;
  RunOk(site, {"newsletter", "add", "Morning Briefing"});
  RunOk(site, {"newsletter", "add", "Evening Edition"});
  std::string gone = UniqueEmail("gone"), annoyed = UniqueEmail("annoyed"),
              busy = UniqueEmail("busy");
  std::ofstream(site.File("list.csv")) << gone << ",,2025-01-01\n"
                                       << annoyed << ",,2025-01-01\n"
                                       << busy << ",,2025-01-01\n";
  RunOk(site, {"newsletter", "import", "morning-briefing", site.File("list.csv")});
  RunOk(site, {"newsletter", "import", "evening-edition", site.File("list.csv")});
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  RunOk(site, {"newsletter", "send", "morning-briefing", "--article", "kerry-lavrov-syria-truce",
               "--subject", "Bounce me"});
  auto to_gone = WaitForMail(gone, "Bounce me");
  auto to_annoyed = WaitForMail(annoyed, "Bounce me");
  auto to_busy = WaitForMail(busy, "Bounce me");
  ASSERT_TRUE(to_gone && to_annoyed && to_busy);
  std::string verp = ReturnPath(to_gone->raw);
  ASSERT_NE(verp.find("+d"), std::string::npos) << verp;

  std::string mbox = "From MAILER-DAEMON Tue Dec  1 04:00:00 2026\n" +
                     Dsn(verp, gone, "failed", "5.1.1") +
                     "From MAILER-DAEMON Tue Dec  1 04:00:01 2026\n" +
                     Dsn(ReturnPath(to_busy->raw), busy, "delayed", "4.2.2") +
                     "From feedback@isp.example Tue Dec  1 04:01:00 2026\n" + Arf(to_annoyed->raw) +
                     "From ann@example.org Tue Dec  1 04:02:00 2026\nSubject: Thanks\n\nHi\n";
  std::ofstream(site.File("returned.mbox")) << mbox;
  auto read = RunDateline(site.With({"newsletter", "bounces", site.File("returned.mbox")}));
  ASSERT_EQ(read.exit_code, 0) << read.output;
  EXPECT_NE(read.output.find("4 messages: 1 hard bounces and 1 complaints (addresses suppressed: "
                             "2), 1 soft bounces (nothing changed), 1 not reports"),
            std::string::npos)
      << read.output;
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM mail_suppressions WHERE email = '" + gone +
                          "' AND reason = 'bounce'"),
            1);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM mail_suppressions WHERE email = '" + annoyed +
                          "' AND reason = 'complaint'"),
            1);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM mail_suppressions WHERE email = '" + busy + "'"),
            0);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM newsletter_deliveries WHERE state = 'bounced'"), 2);
  // The same again, piped in: nothing new, nothing doubled.
  std::string piped = std::string(DATELINE_BINARY) + " newsletter bounces - --data-dir " +
                      site.dir() + " --store '" + site.store_url() + "' < " +
                      site.File("returned.mbox") + " > /dev/null 2>&1";
  EXPECT_EQ(std::system(piped.c_str()), 0);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM mail_suppressions"), 2);

  // Suppressed for every newsletter: the evening edition goes to the third reader only.
  RunOk(site, {"newsletter", "send", "evening-edition", "--article", "kerry-lavrov-syria-truce",
               "--subject", "After the bounces"});
  ASSERT_TRUE(WaitForMail(busy, "After the bounces"));
  EXPECT_EQ(site.QueryInt("SELECT recipients FROM newsletter_issues ORDER BY id DESC LIMIT 1"), 1);
  EXPECT_EQ(CountMail(gone, "After the bounces"), 0);
  EXPECT_EQ(CountMail(annoyed, "After the bounces"), 0);
}

}  // namespace
}  // namespace dateline::testing
