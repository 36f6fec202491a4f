#include "core/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace dateline::core {
namespace {

std::string WriteTemp(const std::string& text) {
  char name[] = "/tmp/dateline-config-XXXXXX";
  int fd = mkstemp(name);
  close(fd);
  std::ofstream(name) << text;
  return name;
}

TEST(ConfigTest, DefaultsAreUsable) {
  auto c = LoadConfig({}, {});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->listen_host, "127.0.0.1");
  EXPECT_EQ(c->listen_port, 8080);
  EXPECT_EQ(c->StoreUrl(), "sqlite://data/dateline.db");
  EXPECT_EQ(c->SiteUrl(), "http://127.0.0.1:8080");
}

TEST(ConfigTest, LayersOverrideInOrder) {
  std::string file = WriteTemp(
      "listen = \"127.0.0.1:9000\"\ndata_dir = \"/srv/file\"\nsite_url = "
      "\"https://news.example/\"\n"
      "[http]\nthreads = 4\nheader_timeout = 0.5\n");
  Environment env = {{"DATELINE_DATA_DIR", "/srv/env"}};
  ConfigOverrides flags;
  flags.config_file = file;
  flags.listen = "0.0.0.0:9100";
  auto c = LoadConfig(flags, env);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->listen_host, "0.0.0.0");  // flag beats file
  EXPECT_EQ(c->listen_port, 9100);
  EXPECT_EQ(c->data_dir, "/srv/env");               // environment beats file
  EXPECT_EQ(c->SiteUrl(), "https://news.example");  // trailing slash dropped
  EXPECT_EQ(c->http.threads, 4);
  EXPECT_DOUBLE_EQ(c->http.header_timeout, 0.5);
  std::remove(file.c_str());
}

TEST(ConfigTest, BadValuesNameTheKey) {
  struct Case {
    const char* toml;
    const char* key;
  } cases[] = {
      {"listen = \"nonsense\"", "'listen'"},
      {"listen = \"127.0.0.1:99999\"", "'listen'"},
      {"[http]\nthreads = 0", "'http.threads'"},
      {"[http]\nthreads = \"two\"", "'http.threads'"},
      {"[http]\nmax_body_bytes = -1", "'http.max_body_bytes'"},
      {"[http]\nnot_a_setting = 1", "'http.not_a_setting'"},
      {"colour = \"blue\"", "'colour'"},
      {"store = \"mysql://x\"", "'store'"},
      {"site_url = \"ftp://x\"", "'site_url'"},
      {"log_level = \"loud\"", "'log_level'"},
      {"paywall_meter = -1", "'paywall_meter'"},
      {"time_zone = \"Mars/Olympus_Mons\"", "'time_zone'"},
      {"time_zone = \"../../etc/passwd\"", "'time_zone'"},
      {"[payments]\nprovider = \"paypal\"", "'payments.provider'"},
      {"[payments]\nprovider = \"stripe\"", "'payments.stripe_secret_key'"},
      {"[payments]\nprovider = \"stripe\"\nstripe_secret_key = \"sk\"",
       "'payments.stripe_webhook_secret'"},
      {"[payments]\nprovider = \"stripe\"\nstripe_secret_key = \"sk\"\n"
       "stripe_webhook_secret = \"wh\"\nstripe_api_base = \"ftp://x\"",
       "'payments.stripe_api_base'"},
      {"[[plans]]\nname = \"No code\"", "'plans[0].code'"},
      {"[[plans]]\ncode = \"a\"\nname = \"A\"\nperiod = \"week\"", "'plans[0].period'"},
      {"[[plans]]\ncode = \"a\"\nname = \"A\"\nprice_cents = \"9\"", "'plans[0].price_cents'"},
      {"[[plans]]\ncode = \"a\"\nname = \"A\"\ncolour = 1", "'plans[0].colour'"},
      {"plans = 3", "'plans'"},
      // Not a number at all, or no end to it: refused, not turned into undefined behaviour.
      {"[http]\nheader_timeout = nan", "'http.header_timeout'"},
      {"[http]\nbody_timeout = -nan", "'http.body_timeout'"},
      {"[http]\nidle_timeout = inf", "'http.idle_timeout'"},
      {"[http]\nwrite_timeout = 1e300", "'http.write_timeout'"},
      {"[http]\nshutdown_grace = -inf", "'http.shutdown_grace'"},
      {"[http]\ntrusted_proxies = \"10.0.0.0/8\"", "'http.trusted_proxies'"},
      {"[http]\nmax_streams_per_client = -1", "'http.max_streams_per_client'"},
  };
  for (const auto& c : cases) {
    std::string file = WriteTemp(c.toml);
    ConfigOverrides flags;
    flags.config_file = file;
    auto config = LoadConfig(flags, {});
    ASSERT_FALSE(config.ok()) << c.toml;
    EXPECT_EQ(config.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(config.error().message.find(c.key), std::string::npos) << config.error().message;
    std::remove(file.c_str());
  }
}

TEST(ConfigTest, TheExampleFileIsValidAndReadsPaymentsAndPlans) {
  ConfigOverrides flags;
  flags.config_file = std::string(DATELINE_TEST_SOURCE_DIR) + "/deploy/dateline.example.toml";
  auto c = LoadConfig(flags, {});
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->payments.provider, "manual");
  ASSERT_EQ(c->plans.size(), 2u);
  EXPECT_EQ(c->plans[1].code, "digital-annual");
  EXPECT_EQ(c->plans[1].price_cents, 9000);
  EXPECT_EQ(c->plans[1].period, "year");
  EXPECT_EQ(c->paywall_meter, 0);
  // Secrets come from the environment rather than the file.
  auto s = LoadConfig(flags, {{"DATELINE_PAYMENT_PROVIDER", "stripe"},
                              {"DATELINE_STRIPE_SECRET_KEY", "sk_test_1"},
                              {"DATELINE_STRIPE_WEBHOOK_SECRET", "whsec_1"}});
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->payments.provider, "stripe");
  EXPECT_EQ(s->payments.stripe_secret_key, "sk_test_1");
  EXPECT_EQ(s->payments.stripe_api_base, "https://api.stripe.com");
}

TEST(ConfigTest, SyntaxErrorNamesTheLine) {
  std::string file = WriteTemp("site_title = \"ok\"\nlisten = \n");
  ConfigOverrides flags;
  flags.config_file = file;
  auto c = LoadConfig(flags, {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("line 2"), std::string::npos) << c.error().message;
  std::remove(file.c_str());
}

TEST(ConfigTest, EnvironmentListenIsValidated) {
  auto c = LoadConfig({}, {{"DATELINE_LISTEN", "localhost"}});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("DATELINE_LISTEN"), std::string::npos);
}

TEST(ConfigTest, Ipv6Listen) {
  auto c = LoadConfig({}, {{"DATELINE_LISTEN", "[::1]:8081"}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->listen_host, "::1");
  EXPECT_EQ(c->SiteUrl(), "http://[::1]:8081");
}

}  // namespace
}  // namespace dateline::core
