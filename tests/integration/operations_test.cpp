// What operators rely on, through the real binary on both stores: /metrics counts requests
// by route and status (timed), sign-ins and comments, and answers only the listed
// addresses (as resolved through trusted proxies); /readyz turns 503 when the store's
// schema is not this binary's; JSON logs carry one request id from the proxy to the
// access line, the error lines and the X-Request-Id answer, and no secret reaches a line.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "harness.hpp"
#include "harness_nginx.hpp"

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

// What a shell command printed (stdout), and whether it ran to a zero exit.
std::pair<bool, std::string> Shell(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {false, ""};
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  return {pclose(pipe) == 0, out};
}

TEST(OperationsTest, TheHttpsNginxSiteServesOverTlsAndPassesTheRequestId) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  std::string dir = site.File("tls");
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(Shell("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=news.example.org "
                    "-keyout " +
                    dir + "/privkey.pem -out " + dir + "/fullchain.pem 2>/dev/null")
                  .first);
  // deploy/nginx-https.conf as shipped, moved onto test ports and files.
  std::string conf = SourceFile("deploy/nginx-https.conf");
  uint16_t http_port = FreePort(), https_port = FreePort();
  std::string p80 = std::to_string(http_port), p443 = std::to_string(https_port);
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"server 127.0.0.1:8080;", "server 127.0.0.1:" + std::to_string(server->port()) + ";"},
           {"listen 80;", "listen 127.0.0.1:" + p80 + ";"},
           {"listen [::]:80;", ""},
           {"listen 443 ssl http2;", "listen 127.0.0.1:" + p443 + " ssl http2;"},
           {"listen [::]:443 ssl http2;", ""},
           {"/etc/letsencrypt/live/news.example.org", dir},
           {"/etc/letsencrypt/live/news.example.org", dir},
           {"root /var/www/letsencrypt;", "root " + dir + ";"}}) {
    ASSERT_TRUE(ReplaceFirst(conf, from, to)) << from;
  }
  NginxProcess nginx(site.File("nginx"), conf, https_port);
  ASSERT_TRUE(nginx.running()) << nginx.ErrorLog();
  std::string curl = "curl -sk --max-time 10 --resolve news.example.org:" + p443 +
                     ":127.0.0.1 --resolve news.example.org:" + p80 + ":127.0.0.1 ";
  std::string https = "https://news.example.org:" + p443;

  auto story = Shell(curl + "-D - " + https + kArticle);
  ASSERT_TRUE(story.first);
  // HTTP/2 where curl offers it (ALPN), as browsers do.
  EXPECT_TRUE(std::regex_search(story.second, std::regex("^HTTP/(2|1\\.1) 200")))
      << story.second.substr(0, 600);
  EXPECT_NE(story.second.find("Kerry, Lavrov report progress"), std::string::npos);
  // nginx's $request_id (32 hex digits, not Dateline's 16) came through.
  std::smatch id;
  std::string head = story.second.substr(0, story.second.find("\r\n\r\n"));
  ASSERT_TRUE(std::regex_search(head, id, std::regex("[Xx]-[Rr]equest-[Ii]d: ([0-9a-f]+)")))
      << head;
  EXPECT_EQ(id[1].length(), 32u) << head;
  EXPECT_TRUE(WaitFor([&] {
    return server->Output().find("[req " + id[1].str() + "]") != std::string::npos;
  })) << server->Output();
  // Plain HTTP is sent to HTTPS; /metrics is not reachable through the proxy.
  auto plain =
      Shell(curl + "-o /dev/null -w '%{http_code} %{redirect_url}' http://news.example.org:" + p80 +
            "/section/world");
  EXPECT_EQ(plain.second, "301 https://news.example.org/section/world");
  auto metrics = Shell(curl + "-o /dev/null -w '%{http_code}' " + https + "/metrics");
  EXPECT_EQ(metrics.second, "404");
}

// deploy/dateline.service is a unit systemd accepts, and as locked down as it says: its
// exposure score (systemd-analyze security, 0 best, 10 worst) stays "OK" (below 2).
TEST(OperationsTest, TheSystemdUnitIsValidAndHardened) {
  if (TestStoreKind() != StoreKind::kSqlite) GTEST_SKIP() << "one store is enough for a file";
  if (!std::filesystem::exists("/usr/bin/systemd-analyze")) {
    GTEST_SKIP() << "systemd-analyze is not installed";
  }
  TempDir dir;
  std::string unit = SourceFile("deploy/dateline.service");
  ASSERT_TRUE(ReplaceFirst(unit, "ExecStart=/usr/local/bin/dateline",
                           std::string("ExecStart=") + DATELINE_BINARY));
  std::string path = dir.File("dateline.service");
  std::ofstream(path) << unit;
  auto verified = Shell("systemd-analyze verify " + path + " 2>&1");
  EXPECT_TRUE(verified.first) << verified.second;
  auto security = Shell("systemd-analyze security --offline=true " + path + " 2>&1");
  std::smatch level;
  ASSERT_TRUE(std::regex_search(
      security.second, level, std::regex("Overall exposure level for dateline.service: ([0-9.]+)")))
      << security.second;
  EXPECT_LT(std::stod(level[1]), 2.0) << security.second;
}

}  // namespace
}  // namespace dateline::testing
