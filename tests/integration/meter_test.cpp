// The meter: signed-in readers get a few subscriber articles per 30 days, counted in the
// store; the window is checked with a clock the test moves.

#include <gtest/gtest.h>

#include <fstream>

#include "store_fixture.hpp"
#include "subscriptions/article_meter.hpp"

namespace dateline::testing {
namespace {

using MeterTest = StoreTest;

TEST_F(MeterTest, AllowanceIsPerReaderRereadsAreFreeAndTheWindowSlides) {
  for (const char* sql :
       {"INSERT INTO users (email, display_name, password_hash, created_at, updated_at) VALUES "
        "('a@example.org', 'A', 'x', 1, 1), ('b@example.org', 'B', 'x', 1, 1)",
        "INSERT INTO articles (slug, headline, body_markdown, access, status, published_at, "
        "created_at, updated_at) VALUES ('one', 'One', 'x', 'subscribers', 'published', 1, 1, 1), "
        "('two', 'Two', 'x', 'subscribers', 'published', 1, 1, 1), "
        "('three', 'Three', 'x', 'subscribers', 'published', 1, 1, 1)"}) {
    auto r = db_->Execute(sql);
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  subscriptions::ArticleMeter meter(*db_, clock_, 2);
  auto open = [&](int64_t user, int64_t article) {
    auto d = meter.Open(user, article);
    EXPECT_TRUE(d.ok());
    return d.ok() ? *d : subscriptions::MeterDecision{};
  };
  EXPECT_TRUE(open(1, 1).allowed);
  EXPECT_EQ(open(1, 1).remaining, 1) << "opening the same article again costs nothing";
  auto second = open(1, 2);
  EXPECT_TRUE(second.allowed);
  EXPECT_EQ(second.remaining, 0);
  EXPECT_FALSE(open(1, 3).allowed);
  EXPECT_TRUE(open(1, 2).allowed) << "already opened in the window";
  EXPECT_TRUE(open(2, 3).allowed) << "each reader has their own count";
  clock_.Advance(subscriptions::ArticleMeter::kWindowSeconds + 1);
  EXPECT_TRUE(open(1, 3).allowed) << "thirty days later the allowance is back";
  auto pruned = meter.Prune();
  ASSERT_TRUE(pruned.ok());
  EXPECT_EQ(*pruned, 3) << "reads older than the window are forgotten";
  subscriptions::ArticleMeter off(*db_, clock_, 0);
  EXPECT_FALSE(off.enabled());
  EXPECT_FALSE(off.Open(2, 1)->allowed);
}

TEST_F(MeterTest, SignedInReadersOpenTheirFreeArticlesThenMeetThePaywall) {
  TestSite& site = site_;
  std::ofstream(site.File("meter.toml")) << "paywall_meter = 1\n";
  for (const char* slug : {"first", "second"}) {
    std::ofstream(site.File(std::string(slug) + ".md"))
        << "---\nheadline: " << slug << "\nslug: " << slug
        << "\naccess: subscribers\n---\nFREEONE.\n\nFREETWO.\n\nHIDDENTHREE.\n";
    ASSERT_EQ(RunDateline(site.With({"migrate"})).exit_code, 0);
    ASSERT_EQ(RunDateline(site.With({"article", "publish", site.File(std::string(slug) + ".md")}))
                  .exit_code,
              0);
  }
  auto server = ServerProcess::Start(site, {"--config", site.File("meter.toml")});
  ASSERT_NE(server, nullptr);
  std::string password =
      OneTimePasswordIn(RunDateline(site.With({"user", "add", "metered@example.org"})));
  ASSERT_FALSE(password.empty());
  Browser reader(server->port()), anonymous(server->port());
  ASSERT_EQ(reader.LogInFirstTime("metered@example.org", password).status, 303);
  // Neither HEAD nor the JSON API spends the allowance: they read the meter, nothing more.
  EXPECT_EQ(reader.Head("/articles/first").status, 200);
  auto api = reader.Get("/api/articles/first");
  EXPECT_NE(api.body.find("\"full_text\":false"), std::string::npos);
  EXPECT_EQ(api.body.find("HIDDENTHREE"), std::string::npos);
  auto first = reader.Get("/articles/first");
  EXPECT_NE(first.body.find("HIDDENTHREE"), std::string::npos);
  EXPECT_NE(first.body.find("one of your 1 free articles"), std::string::npos);
  EXPECT_NE(reader.Get("/articles/first").body.find("HIDDENTHREE"), std::string::npos);
  // Once opened on the page, the API gives what the page gives (a reread is free).
  EXPECT_NE(reader.Get("/api/articles/first").body.find("\"full_text\":true"), std::string::npos);
  auto second = reader.Get("/articles/second");
  EXPECT_EQ(second.body.find("HIDDENTHREE"), std::string::npos);
  EXPECT_NE(second.body.find("You have read your 1 free subscriber articles"), std::string::npos);
  EXPECT_EQ(anonymous.Get("/articles/first").body.find("HIDDENTHREE"), std::string::npos)
      << "the meter is for signed-in readers";
}

}  // namespace
}  // namespace dateline::testing
