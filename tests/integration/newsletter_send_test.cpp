// Each reader gets each issue once, on both stores: a 10,000-recipient send survives the
// server being killed (SIGKILL) at three random moments, a reader who leaves mid-send
// gets nothing more, and two nodes sharing a PostgreSQL store send one issue between
// them. The receiving SMTP server counts what it accepted.

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <map>
#include <random>
#include <set>

#include "app/secret.hpp"
#include "harness.hpp"
#include "newsletters/member_keys.hpp"
#include "smtp_log_sink.hpp"

namespace dateline::testing {
namespace {

constexpr int kKills = 3;
constexpr int kConnections = 4;  // [newsletters] connections: copies in flight at once

// `n` readers of a newsletter, imported with their consent dates; their addresses.
std::vector<std::string> ImportReaders(const TestSite& site, const std::string& slug, int n) {
  std::vector<std::string> emails;
  std::ofstream csv(site.File("readers.csv"));
  csv << "email,name,consent date\n";
  for (int i = 0; i < n; ++i) {
    emails.push_back("reader" + std::to_string(i) + "@example.org");
    csv << emails.back() << ",Reader " << i << ",2025-03-01\n";
  }
  csv.close();
  auto out = RunOk(site, {"newsletter", "import", slug, site.File("readers.csv")});
  EXPECT_NE(out.find(std::to_string(n) + " on the list"), std::string::npos) << out;
  return emails;
}

ServerEnvironment MailTo(const SmtpLogSink& sink, const std::string& node) {
  return {{{"DATELINE_MAIL_TRANSPORT", "smtp"},
           {"DATELINE_SMTP_URL", sink.url()},
           {"DATELINE_NODE_NAME", node}}};
}

bool Settled(const TestSite& site) {
  return site.QueryInt("SELECT COUNT(*) FROM newsletter_deliveries WHERE state = 'queued'") == 0 &&
         site.QueryInt("SELECT COUNT(*) FROM newsletter_issues WHERE state <> 'sent'") == 0;
}

// Per recipient, the Message-IDs the sink accepted for them.
std::map<std::string, std::vector<std::string>> ByRecipient(const SmtpLogSink& sink) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& r : sink.All()) out[r.to].push_back(r.message_id);
  return out;
}

TEST(NewsletterSendTest, TenThousandReadersEachGetTheIssueOnceThoughTheServerIsKilledThrice) {
  TestSite site;
  SmtpLogSink sink;
  ASSERT_TRUE(sink.started());
  RunOk(site, {"newsletter", "add", "Daily"});
  constexpr int kReaders = 10000;
  auto emails = ImportReaders(site, "daily", kReaders);
  auto server = ServerProcess::Start(site, {}, MailTo(sink, "node-a"));
  ASSERT_NE(server, nullptr);
  RunOk(site, {"newsletter", "send", "daily", "--article", "kerry-lavrov-syria-truce"});
  ASSERT_TRUE(
      WaitFor([&] { return site.QueryInt("SELECT recipients FROM newsletter_issues") == kReaders; },
              std::chrono::seconds(20)));
  // A reader near the end of the list leaves while the issue goes out, by the link in
  // their email (its key made as the server makes it, from the site's secret).
  auto secret = app::LoadOrCreateSecret(site.File("secret.key"));
  ASSERT_TRUE(secret.ok()) << secret.error().message;
  int64_t leaver_id =
      site.QueryInt("SELECT member_id FROM newsletter_deliveries ORDER BY id DESC LIMIT 1");
  std::string leaver = "reader" + std::to_string(kReaders - 1) + "@example.org";
  auto left =
      Fetch(server->port(), "POST", newsletters::UnsubscribePath(*secret, leaver_id),
            {"Content-Type: application/x-www-form-urlencoded"}, "List-Unsubscribe=One-Click");
  ASSERT_TRUE(left);
  ASSERT_EQ(left->status, 200) << left->body;
  // Killed at random moments mid-send, and started again each time.
  std::mt19937 random(std::random_device{}());
  size_t floor = 0;
  for (int kill = 0; kill < kKills; ++kill) {
    size_t at = floor + 200 + random() % 2000;
    ASSERT_TRUE(WaitFor([&] { return sink.Count() >= at; }, std::chrono::seconds(60)))
        << "stalled at " << sink.Count() << "\n"
        << server->Output();
    server->Signal(SIGKILL);
    server->WaitForExit(std::chrono::seconds(10));
    floor = sink.Count();
    server = ServerProcess::Start(site, {}, MailTo(sink, "node-a"));
    ASSERT_NE(server, nullptr);
  }
  ASSERT_TRUE(WaitFor([&] { return Settled(site); }, std::chrono::seconds(120)))
      << "accepted so far: " << sink.Count();
  auto received = ByRecipient(sink);
  size_t repeats = 0;
  for (const auto& email : emails) {
    auto it = received.find(email);
    if (email == leaver) {
      EXPECT_TRUE(it == received.end()) << "sent after unsubscribing";
      continue;
    }
    ASSERT_TRUE(it != received.end()) << email << " never got the issue";
    // A copy can reach the relay twice only if the process died between the relay's
    // "250" and the record of it; it is then the same message, by its Message-ID, which
    // receivers use to drop the second.
    std::set<std::string> ids(it->second.begin(), it->second.end());
    EXPECT_EQ(ids.size(), 1u) << email << " got two different messages";
    repeats += it->second.size() - 1;
  }
  EXPECT_EQ(received.size(), static_cast<size_t>(kReaders - 1));
  EXPECT_LE(repeats, static_cast<size_t>(kKills * kConnections))
      << "at most the copies in flight per kill";
  std::printf("[ figures  ] %zu copies accepted for %d readers after %d kills (%zu repeated)\n",
              sink.Count(), kReaders - 1, kKills, repeats);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM newsletter_deliveries WHERE state = 'sent'"),
            kReaders - 1);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM newsletter_deliveries WHERE state = 'skipped' "
                          "AND skip_reason = 'unsubscribed'"),
            1);
}

TEST(NewsletterSendTest, APerDomainCeilingHoldsCopiesForTheNextMinute) {
  TestSite site;
  SmtpLogSink sink;
  ASSERT_TRUE(sink.started());
  std::ofstream(site.File("dateline.toml"))
      << "[newsletters]\nconnections = 1\nper_domain_per_minute = 2\n";
  RunOk(site, {"newsletter", "add", "Daily"});
  std::ofstream csv(site.File("readers.csv"));
  for (int i = 0; i < 6; ++i) csv << "busy" << i << "@slow.example,,2025-01-01\n";
  csv << "one@other.example,,2025-01-01\ntwo@other.example,,2025-01-01\n";
  csv.close();
  RunOk(site, {"newsletter", "import", "daily", site.File("readers.csv")});
  auto server =
      ServerProcess::Start(site, {"--config", site.File("dateline.toml")}, MailTo(sink, "node-a"));
  ASSERT_NE(server, nullptr);
  RunOk(site, {"newsletter", "send", "daily", "--article", "kerry-lavrov-syria-truce"});
  // The other domain is not held up by the busy one.
  ASSERT_TRUE(WaitFor(
      [&] {
        auto got = ByRecipient(sink);
        return got.count("one@other.example") && got.count("two@other.example") &&
               site.QueryInt(
                   "SELECT COUNT(*) FROM newsletter_deliveries WHERE email LIKE "
                   "'%@other.example' AND state = 'sent'") == 2;
      },
      std::chrono::seconds(10)));
  // In no minute did the busy domain get more than its ceiling; the rest wait for the
  // next minute, not for a retry.
  auto over = site.QueryInt(
      "SELECT COUNT(*) FROM (SELECT sent_at / 60 AS minute, COUNT(*) AS n FROM "
      "newsletter_deliveries WHERE email LIKE '%@slow.example' AND state = 'sent' GROUP BY "
      "sent_at / 60) per_minute WHERE n > 2");
  EXPECT_EQ(over, 0);
  int64_t sent = site.QueryInt(
      "SELECT COUNT(*) FROM newsletter_deliveries WHERE email LIKE '%@slow.example' AND "
      "state = 'sent'");
  EXPECT_GE(sent, 2);
  EXPECT_LT(sent, 6);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM newsletter_deliveries WHERE state = 'queued' "
                          "AND (next_attempt_at % 60 <> 0 OR attempts <> 0)"),
            0);
}

TEST(NewsletterSendTest, TwoNodesSendOneIssueBetweenThemEachCopyOnce) {
  if (TestStoreKind() != StoreKind::kPostgres) {
    GTEST_SKIP() << "several nodes share a PostgreSQL store; SQLite serves one";
  }
  TestSite site;
  SmtpLogSink sink;
  ASSERT_TRUE(sink.started());
  RunOk(site, {"newsletter", "add", "Daily"});
  constexpr int kReaders = 3000;
  auto emails = ImportReaders(site, "daily", kReaders);
  auto a = ServerProcess::Start(site, {}, MailTo(sink, "node-a"));
  auto b = ServerProcess::Start(site, {}, MailTo(sink, "node-b"));
  ASSERT_TRUE(a && b);
  RunOk(site, {"newsletter", "send", "daily", "--article", "kerry-lavrov-syria-truce"});
  ASSERT_TRUE(WaitFor([&] { return Settled(site); }, std::chrono::seconds(120)));
  auto received = ByRecipient(sink);
  EXPECT_EQ(received.size(), static_cast<size_t>(kReaders));
  for (const auto& email : emails) {
    auto it = received.find(email);
    ASSERT_TRUE(it != received.end()) << email;
    EXPECT_EQ(it->second.size(), 1u) << email;
  }
  // Both took part.
  EXPECT_GT(
      site.QueryInt("SELECT COUNT(*) FROM newsletter_deliveries WHERE claimed_by LIKE 'node-a#%'"),
      0);
  EXPECT_GT(
      site.QueryInt("SELECT COUNT(*) FROM newsletter_deliveries WHERE claimed_by LIKE 'node-b#%'"),
      0);
}

}  // namespace
}  // namespace dateline::testing
