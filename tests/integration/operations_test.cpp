// What operators rely on, through the real binary on both stores: /metrics counts requests
// by route and status (timed), sign-ins and comments, and answers only the listed
// addresses (as resolved through trusted proxies); /readyz turns 503 when the store's
// schema is not this binary's; JSON logs carry one request id from the proxy to the
// access line, the error lines and the X-Request-Id answer, and no secret reaches a line.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <regex>
#include <sstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

constexpr const char* kArticle = "/articles/kerry-lavrov-syria-truce";

// The value of one series in Prometheus text ("name{labels} value"), or -1 when absent.
double Series(const std::string& metrics, const std::string& name_and_labels) {
  std::istringstream lines(metrics);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(name_and_labels + " ", 0) == 0) {
      return std::stod(line.substr(name_and_labels.size() + 1));
    }
  }
  return -1;
}

std::string Metrics(uint16_t port) {
  auto r = Fetch(port, "GET", "/metrics");
  EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
  return r ? r->body : "";
}

TEST(OperationsTest, MetricsCountRequestsByRouteStatusAndOutcome) {
  TestSite site;
  std::ofstream(site.File("ops.toml")) << "comment_posts_per_minute = 1000\n";
  auto server = ServerProcess::Start(site, {"--config", site.File("ops.toml")});
  ASSERT_NE(server, nullptr);
  uint16_t port = server->port();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Fetch(port, "GET", kArticle)->status, 200);
  ASSERT_EQ(Fetch(port, "GET", "/articles/no-such-story")->status, 404);
  ASSERT_EQ(Fetch(port, "GET", "/no/route/here")->status, 404);

  std::string before = Metrics(port);
  // The route's pattern, never the path a client chose: bounded series.
  EXPECT_EQ(
      Series(before,
             R"(dateline_http_requests_total{method="GET",route="/articles/{slug}",status="200"})"),
      3)
      << before;
  EXPECT_EQ(
      Series(before,
             R"(dateline_http_requests_total{method="GET",route="/articles/{slug}",status="404"})"),
      1);
  EXPECT_EQ(
      Series(before, R"m(dateline_http_requests_total{method="GET",route="(none)",status="404"})m"),
      1);
  EXPECT_EQ(before.find("no-such-story"), std::string::npos);
  EXPECT_EQ(
      Series(
          before,
          R"(dateline_http_request_duration_seconds_count{method="GET",route="/articles/{slug}"})"),
      4);
  EXPECT_EQ(
      Series(
          before,
          R"(dateline_http_request_duration_seconds_bucket{method="GET",route="/articles/{slug}",le="+Inf"})"),
      4);
  EXPECT_GT(
      Series(
          before,
          R"(dateline_http_request_duration_seconds_sum{method="GET",route="/articles/{slug}"})"),
      0);
  // The second and third reads of the story came from the page cache.
  EXPECT_GE(Series(before, R"(dateline_page_cache_lookups_total{result="hit"})"), 2);
  for (const char* gauge : {"dateline_outbox_depth", "dateline_store_connections_open",
                            "dateline_store_connections_in_use", "dateline_store_connections_max",
                            "dateline_page_cache_entries", "dateline_live_comment_streams",
                            "dateline_process_resident_memory_bytes"}) {
    EXPECT_GE(Series(before, gauge), 0) << gauge;
  }
  EXPECT_GT(Series(before, "dateline_process_resident_memory_bytes"), 1e6);
  EXPECT_GE(Series(before, "dateline_store_connections_max"), 1);

  // A wrong password and a right one are counted apart; a comment posted is counted.
  std::string email = UniqueEmail("metrics");
  std::string one_time = OneTimePasswordIn(
      RunDateline(site.With({"user", "add", email, "--name", "Metrics", "--role", "moderator"})));
  Browser wrong(port);
  int refused_status =
      wrong.Submit("/login", "/login", {{"email", email}, {"password", "not-the-password"}}).status;
  EXPECT_GE(refused_status, 400);
  Browser reader(port);
  ASSERT_EQ(reader.LogInFirstTime(email, one_time).status, 303);
  ASSERT_EQ(
      reader.Submit(kArticle, std::string(kArticle) + "/comments", {{"body", "Counted."}}).status,
      303);
  std::string after = Metrics(port);
  EXPECT_EQ(Series(after, R"(dateline_sign_ins_total{result="refused"})"), 1) << after;
  EXPECT_EQ(Series(after, R"(dateline_sign_ins_total{result="ok"})"), 1);
  EXPECT_EQ(Series(after, "dateline_comments_posted_total"), 1);
  EXPECT_EQ(Series(after, R"(dateline_http_requests_total{method="POST",route="/login",status=")" +
                              std::to_string(refused_status) + "\"}"),
            1);
}

TEST(OperationsTest, MetricsAnswerOnlyTheListedAddressesAsResolvedThroughProxies) {
  TestSite site;
  // The default: loopback only. A reader behind the (trusted, loopback) proxy is the
  // reader, not the proxy: refused with the site's ordinary 404.
  {
    auto server = ServerProcess::Start(site);
    ASSERT_NE(server, nullptr);
    EXPECT_EQ(Fetch(server->port(), "GET", "/metrics")->status, 200);
    auto forwarded = Fetch(server->port(), "GET", "/metrics", {"X-Forwarded-For: 198.51.100.7"});
    EXPECT_EQ(forwarded->status, 404);
    EXPECT_EQ(forwarded->body.find("dateline_http_requests_total"), std::string::npos);
    server->Signal(SIGTERM);
    EXPECT_EQ(server->WaitForExit(std::chrono::seconds(15)), 0);
  }
  // A monitoring network listed: it is let in, and loopback no longer is.
  std::ofstream(site.File("metrics.toml")) << "metrics_allow = [\"198.51.100.0/24\"]\n";
  auto server = ServerProcess::Start(site, {"--config", site.File("metrics.toml")});
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(Fetch(server->port(), "GET", "/metrics")->status, 404);
  auto listed = Fetch(server->port(), "GET", "/metrics", {"X-Forwarded-For: 198.51.100.7"});
  EXPECT_EQ(listed->status, 200);
  EXPECT_NE(listed->Header("content-type").find("version=0.0.4"), std::string::npos);
  EXPECT_EQ(listed->Header("cache-control"), "no-store");
  // A bad list stops the start, naming the setting.
  std::ofstream(site.File("bad.toml")) << "metrics_allow = [\"not-an-address\"]\n";
  auto refused = RunDateline(
      site.With({"serve", "--listen", "127.0.0.1:0", "--config", site.File("bad.toml")}));
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("metrics_allow"), std::string::npos) << refused.output;
}

TEST(OperationsTest, ReadyzSaysWhenTheStoreSchemaIsNotThisBinarys) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  auto ready = Fetch(server->port(), "GET", "/readyz");
  EXPECT_EQ(ready->status, 200);
  EXPECT_EQ(ready->body, "ready\n");
  // Another node, newer, migrated the store: this one must leave the pool until upgraded.
  ASSERT_TRUE(site.RunSql("INSERT INTO schema_migrations (version, name, applied_at) VALUES "
                          "(9999, 'from_the_future', 0)")
                  .ok());
  auto behind = Fetch(server->port(), "GET", "/readyz");
  EXPECT_EQ(behind->status, 503);
  EXPECT_NE(behind->body.find("newer than this binary"), std::string::npos) << behind->body;
  EXPECT_EQ(Fetch(server->port(), "GET", "/healthz")->status, 200);  // alive, not ready
  ASSERT_TRUE(site.RunSql("DELETE FROM schema_migrations WHERE version = 9999").ok());
  EXPECT_EQ(Fetch(server->port(), "GET", "/readyz")->status, 200);
}

// The JSON objects among a server's output lines (the banner is plain text on stdout).
std::vector<boost::json::object> JsonLines(const std::string& output) {
  std::vector<boost::json::object> lines;
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != '{') continue;
    boost::system::error_code ec;
    auto value = boost::json::parse(line, ec);
    EXPECT_FALSE(ec) << "not JSON: " << line;
    if (!ec && value.is_object()) lines.push_back(value.as_object());
  }
  return lines;
}

std::string Field(const boost::json::object& line, const char* name) {
  auto* v = line.if_contains(name);
  if (!v) return "";
  if (v->is_string()) return std::string(v->as_string());
  return boost::json::serialize(*v);
}

TEST(OperationsTest, JsonLogsCarryTheRequestIdAndNoSecrets) {
  TestSite site;
  const std::string stripe_key = "sk_test_DoNotLogThis4242";
  const std::string hook_secret = "whsec_DoNotLogThisEither";
  std::ofstream(site.File("json.toml"))
      << "log_format = \"json\"\n[payments]\nprovider = \"stripe\"\n"
      << "stripe_api_base = \"http://127.0.0.1:9\"\nstripe_secret_key = \"" << stripe_key
      << "\"\nstripe_webhook_secret = \"" << hook_secret << "\"\n";
  auto server = ServerProcess::Start(site, {"--config", site.File("json.toml")});
  ASSERT_NE(server, nullptr);
  uint16_t port = server->port();

  // An id from the trusted proxy is kept and answered; one from nowhere is made up.
  auto proxied = Fetch(port, "GET", "/?q=private-search", {"X-Request-Id: nginx-7f3a9c"});
  EXPECT_EQ(proxied->Header("x-request-id"), "nginx-7f3a9c");
  auto direct = Fetch(port, "GET", "/");
  std::string made_up = direct->Header("x-request-id");
  EXPECT_TRUE(std::regex_match(made_up, std::regex("[0-9a-f]{16}"))) << made_up;
  auto hostile = Fetch(port, "GET", "/", {"X-Request-Id: <script>\"x\""});
  EXPECT_NE(hostile->Header("x-request-id"), "<script>\"x\"");

  // A forged Stripe event is refused and logged (a warning written inside the request).
  auto forged = Fetch(port, "POST", "/webhooks/stripe",
                      {"Content-Type: application/json", "Stripe-Signature: t=1,v1=00",
                       "X-Request-Id: forged-hook-1"},
                      "{\"id\":\"evt_1\"}");
  EXPECT_GE(forged->status, 400);
  EXPECT_LT(forged->status, 500);

  // Secrets a request carries: a password, a reset code, a verification token, a cookie.
  std::string email = UniqueEmail("logs");
  std::string one_time = OneTimePasswordIn(
      RunDateline(site.With({"user", "add", email, "--name", "Logs", "--role", "reader"})));
  Browser reader(port);
  ASSERT_EQ(reader.LogInFirstTime(email, one_time).status, 303);
  std::string session = reader.CookieValue("dl_session");
  ASSERT_FALSE(session.empty());
  Fetch(port, "GET", "/verify?token=VerifyTokenDoNotLog123");
  Fetch(port, "POST", "/reset/code", {"Content-Type: application/x-www-form-urlencoded"},
        "email=" + email + "&code=ResetCodeDoNotLog9");

  ASSERT_TRUE(WaitFor([&] {
    return server->Output().find("forged-hook-1") != std::string::npos &&
           server->Output().find("/verify?token=*") != std::string::npos;
  }));
  server->Signal(SIGTERM);
  ASSERT_EQ(server->WaitForExit(std::chrono::seconds(15)), 0);
  std::string output = server->Output();
  auto lines = JsonLines(output);
  ASSERT_GT(lines.size(), 8u);
  bool proxied_access = false, made_up_access = false, hook_warning = false, hook_access = false;
  for (const auto& line : lines) {
    EXPECT_FALSE(Field(line, "time").empty());
    EXPECT_FALSE(Field(line, "level").empty());
    std::string id = Field(line, "request_id");
    if (id == "nginx-7f3a9c" && Field(line, "kind") == "access") {
      proxied_access = true;
      EXPECT_EQ(Field(line, "target"), "/?q=*");
      EXPECT_EQ(Field(line, "status"), "200");
      EXPECT_EQ(Field(line, "client"), "127.0.0.1");
    }
    if (id == made_up && Field(line, "kind") == "access") made_up_access = true;
    if (id == "forged-hook-1") {
      (Field(line, "kind") == "access" ? hook_access : hook_warning) = true;
    }
  }
  EXPECT_TRUE(proxied_access) << output;
  EXPECT_TRUE(made_up_access) << output;
  EXPECT_TRUE(hook_access) << output;
  EXPECT_TRUE(hook_warning) << output;
  for (const std::string& secret :
       {stripe_key, hook_secret, one_time, std::string(Browser::kOwnPassword), session,
        std::string("VerifyTokenDoNotLog123"), std::string("ResetCodeDoNotLog9"),
        std::string("private-search")}) {
    EXPECT_EQ(output.find(secret), std::string::npos) << "logged: " << secret;
  }
}

}  // namespace
}  // namespace dateline::testing
