// What only the shared store does: nodes that share PostgreSQL behind nginx, cached pages
// invalidated across nodes, and a database that goes away and comes back.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "harness.hpp"
#include "harness_nginx.hpp"

namespace dateline::testing {
namespace {

using std::chrono::milliseconds;
constexpr const char* kArticle = "/articles/kerry-lavrov-syria-truce";

#define REQUIRE_POSTGRES()                                            \
  if (TestStoreKind() != StoreKind::kPostgres) {                      \
    GTEST_SKIP() << "runs in the PostgreSQL pass (postgres.* tests)"; \
  }

// Polls `fetch` until `pred` holds or `within` passes; returns how long it took.
template <typename Pred>
std::optional<milliseconds> WaitUntil(milliseconds within, Pred pred) {
  auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < within) {
    if (pred()) {
      return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
    }
    std::this_thread::sleep_for(milliseconds(20));
  }
  return std::nullopt;
}

bool Shows(uint16_t port, const std::string& path, const std::string& text) {
  auto r = Fetch(port, "GET", path);
  return r && r->status == 200 && r->body.find(text) != std::string::npos;
}

std::string ArticleFile(const std::string& headline) {
  return "---\nheadline: " + headline +
         "\nslug: kerry-lavrov-syria-truce\nupdate: true\ndateline: GENEVA\npublished: "
         "2016-08-26T19:45:00Z\n---\nRepublished text.\n";
}

// nginx with deploy/nginx.conf, its node addresses and port rewritten for the test.
class Nginx {
 public:
  Nginx(const TestSite& site, uint16_t node_a, uint16_t node_b) {
    std::string conf = SourceFile("deploy/nginx.conf");
    port_ = FreePort();
    EXPECT_TRUE(ReplaceFirst(conf, "127.0.0.1:8081", "127.0.0.1:" + std::to_string(node_a)));
    EXPECT_TRUE(ReplaceFirst(conf, "127.0.0.1:8082", "127.0.0.1:" + std::to_string(node_b)));
    EXPECT_TRUE(
        ReplaceFirst(conf, "listen 80;", "listen 127.0.0.1:" + std::to_string(port_) + ";"));
    process_ = std::make_unique<NginxProcess>(site.File("nginx"), conf, port_);
  }
  uint16_t port() const { return port_; }

 private:
  uint16_t port_ = 0;
  std::unique_ptr<NginxProcess> process_;
};

TEST(PostgresTest, UnreachableStoreAtStartNamesHostAndPort) {
  REQUIRE_POSTGRES();
  TempDir dir;
  auto r = RunDateline({"serve", "--data-dir", dir.path(), "--listen", "127.0.0.1:0", "--store",
                        "postgres://postgres@127.0.0.1:1/nowhere"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("127.0.0.1:1"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("connect"), std::string::npos) << r.output;
}

TEST(PostgresTest, TwoNodesBehindNginxSeeAChangeWithinOneSecond) {
  REQUIRE_POSTGRES();
  TestSite site;
  auto a = ServerProcess::Start(site);
  ASSERT_NE(a, nullptr);
  auto b = ServerProcess::Start(site);
  ASSERT_NE(b, nullptr);
  Nginx nginx(site, a->port(), b->port());
  // Every node, and nginx, serves (and caches) the original.
  for (uint16_t port : {a->port(), b->port(), nginx.port(), nginx.port()}) {
    ASSERT_TRUE(Shows(port, kArticle, "Kerry, Lavrov report progress")) << port;
  }
  std::ofstream(site.File("v2.md")) << ArticleFile("Second version of the story");
  auto published = RunDateline(site.With({"article", "publish", site.File("v2.md")}));
  ASSERT_EQ(published.exit_code, 0) << published.output;
  auto all_changed = [&] {
    return Shows(a->port(), kArticle, "Second version") &&
           Shows(b->port(), kArticle, "Second version") &&
           Shows(nginx.port(), kArticle, "Second version") &&
           Shows(nginx.port(), kArticle, "Second version");
  };
  auto took = WaitUntil(milliseconds(1000), all_changed);
  EXPECT_TRUE(took.has_value()) << "not every node served the change within 1 s";

  // The database drops every connection and refuses new ones for a while, then returns.
  const std::string db = site.database();
  ASSERT_TRUE(RunAdminSql("ALTER DATABASE " + db + " ALLOW_CONNECTIONS false").ok());
  ASSERT_TRUE(RunAdminSql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                          "datname = '" +
                          db + "' AND pid <> pg_backend_pid()")
                  .ok());
  // Cached pages are still served; what needs the store answers 503, not a crash.
  EXPECT_TRUE(Shows(a->port(), kArticle, "Second version"));
  auto health = Fetch(a->port(), "GET", "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 503);
  auto policy = Fetch(b->port(), "GET", "/comments-policy");  // never cached on b
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->status, 503);
  EXPECT_NE(policy->body.find("Temporarily unavailable"), std::string::npos);

  ASSERT_TRUE(RunAdminSql("ALTER DATABASE " + db + " ALLOW_CONNECTIONS true").ok());
  EXPECT_TRUE(WaitUntil(milliseconds(5000), [&] {
    auto ha = Fetch(a->port(), "GET", "/healthz");
    auto hb = Fetch(b->port(), "GET", "/healthz");
    return ha && hb && ha->status == 200 && hb->status == 200;
  }));
  EXPECT_TRUE(Shows(b->port(), "/comments-policy", "Accountability"));
  // And the listeners came back: a new change still reaches both nodes promptly.
  std::ofstream(site.File("v3.md")) << ArticleFile("Third version of the story");
  ASSERT_EQ(RunDateline(site.With({"article", "publish", site.File("v3.md")})).exit_code, 0);
  EXPECT_TRUE(WaitUntil(milliseconds(1500), [&] {
    return Shows(a->port(), kArticle, "Third version") &&
           Shows(b->port(), kArticle, "Third version");
  }));
  EXPECT_EQ(a->WaitForExit(milliseconds(0)), -1) << "node a is still running";
}

TEST(PostgresTest, TwoNodesSendEachEmailOnce) {
  REQUIRE_POSTGRES();
  TestSite site;
  auto a = ServerProcess::Start(site);
  ASSERT_NE(a, nullptr);
  auto b = ServerProcess::Start(site);
  ASSERT_NE(b, nullptr);
  // Sign-ups spread over both nodes; both nodes' senders poll the one outbox.
  std::vector<std::string> emails;
  for (int i = 0; i < 8; ++i) {  // sign-ups allow 10 an hour from one address
    Browser browser(i % 2 ? a->port() : b->port());
    std::string email = UniqueEmail("twonode");
    auto r = browser.Submit("/signup", "/signup",
                            {{"email", email},
                             {"display_name", "Reader"},
                             {"password", "correct horse battery staple"}});
    ASSERT_EQ(r.status, 200);
    emails.push_back(email);
  }
  for (const auto& email : emails) EXPECT_TRUE(WaitForMail(email, "Confirm your email")) << email;
  // Drained, and every message claimed exactly once: a duplicate would need a second
  // claim (each claim counts an attempt), so none can still be on its way.
  ASSERT_TRUE(site.WaitForOutboxDrained());
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM outbox WHERE attempts <> 1"), 0);
  for (const auto& email : emails) EXPECT_EQ(CountMail(email), 1) << email;
}

TEST(PostgresTest, SeveralNodesStartingAtOnceMigrateOnce) {
  REQUIRE_POSTGRES();
  TestSite site;
  std::vector<std::unique_ptr<CommandResult>> results(3);
  std::vector<std::thread> threads;
  for (auto& r : results) {
    threads.emplace_back(
        [&] { r = std::make_unique<CommandResult>(RunDateline(site.With({"migrate"}))); });
  }
  for (auto& t : threads) t.join();
  int applied = 0;
  for (auto& r : results) {
    EXPECT_EQ(r->exit_code, 0) << r->output;
    applied += r->output.find("applied 1 create_users") != std::string::npos;
  }
  EXPECT_EQ(applied, 1);
}

}  // namespace
}  // namespace dateline::testing

namespace dateline::testing {
namespace {

TEST(PostgresTest, ACommentApprovedOnOneNodeReachesALiveReaderOfTheOtherWithinOneSecond) {
  REQUIRE_POSTGRES();
  TestSite site;
  auto a = ServerProcess::Start(site);
  ASSERT_NE(a, nullptr);
  auto b = ServerProcess::Start(site);
  ASSERT_NE(b, nullptr);
  std::string password = OneTimePasswordIn(
      RunDateline(site.With({"user", "add", "live@example.org", "--name", "Live Reader"})));
  ASSERT_EQ(RunDateline(site.With({"subscription", "grant", "live@example.org", "--plan",
                                   "digital-monthly", "--until", "2099-01-01"}))
                .exit_code,
            0);
  const std::string article = "/articles/kerry-lavrov-syria-truce";
  // Node B has the article page cached for anonymous readers.
  ASSERT_EQ(Fetch(b->port(), "GET", article)->body.find("Posted on node A"), std::string::npos);
  HttpConnection sse(b->port());
  ASSERT_TRUE(sse.Send("GET " + article + "/comments/events HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(sse.ReadUntil("retry: 3000", std::chrono::seconds(5)));
  Browser writer(a->port());
  ASSERT_EQ(writer.LogInFirstTime("live@example.org", password).status, 303);
  auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(writer.Submit(article, article + "/comments", {{"body", "Posted on node A"}}).status,
            303);
  EXPECT_TRUE(sse.ReadUntil("Posted on node A", std::chrono::seconds(1))) << sse.received();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1500));
  // ... and B's cached page was dropped (by NOTIFY, for that article only): it shows it.
  bool shown = false;
  for (int i = 0; i < 20 && !shown; ++i) {
    shown = Fetch(b->port(), "GET", article)->body.find("Posted on node A") != std::string::npos;
    if (!shown) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(shown) << "within a second on the other node";
}

}  // namespace
}  // namespace dateline::testing
