// dateline import ghost, on both stores: the small export written for these tests
// (tests/fixtures/imports/ghost-small.json) comes in with its authors in order, its primary
// tag as the section, internal tags left out, the feature image as the lead image, the
// paywall as Ghost had it (public, members, paid) and holding on the pages, and its old
// addresses redirecting; a second run adds nothing; what is not a Ghost export is refused.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness.hpp"
#include "test_images.hpp"

namespace dateline::testing {
namespace {

std::string Fixture() { return SourceDir() + "/tests/fixtures/imports/ghost-small.json"; }

TEST(ImportGhostTest, StoriesComeInWithTheirPaywallAuthorsAndImages) {
  TestSite site;
  RunOk(site, {"migrate"});
  TempDir images;
  std::filesystem::create_directories(images.File("2023/05"));
  std::ofstream(images.File("2023/05/harbour.jpg"), std::ios::binary) << MakeJpeg(800, 600);
  auto run = RunDateline(site.With({"import", "ghost", Fixture(), "--media", images.path()}));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("skipped: a Ghost page (\"About us\")"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("<script> removed"), std::string::npos);

  EXPECT_EQ(ArticleAccess(site, "harbour-reopens"), 0);
  EXPECT_EQ(ArticleAccess(site, "harbour-diary"), 1);
  EXPECT_EQ(ArticleAccess(site, "harbour-fees"), 2);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM articles WHERE slug = 'next-storm' AND status "
                          "= 'draft'"),
            1);
  EXPECT_EQ(site.QueryInt("SELECT published_at FROM articles WHERE slug = 'harbour-reopens'"),
            1682935200);  // 2023-05-01T10:00:00Z
  // The feature image is the lead image, from the images folder (one copy in the library,
  // though the story's text shows it too).
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM articles WHERE slug = 'harbour-reopens' AND "
                          "lead_image <> ''"),
            1);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM images"), 1);
  // The primary tag is the section; the internal tag stays behind.
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM articles a JOIN sections s ON s.id = a.section_id "
                          "WHERE s.name = 'Business'"),
            2);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM tags WHERE name LIKE '#%'"), 0);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM tags WHERE name IN ('Business', 'Harbour')"), 2);

  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  uint16_t port = server->port();
  auto story = Fetch(port, "GET", "/articles/harbour-reopens");
  ASSERT_EQ(story->status, 200);
  // Both authors, in Ghost's order.
  size_t rosa = story->body.find("Rosa Harbour"), tom = story->body.find("Tom Pier");
  ASSERT_NE(rosa, std::string::npos);
  ASSERT_NE(tom, std::string::npos);
  EXPECT_LT(rosa, tom);
  EXPECT_NE(story->body.find("<picture"), std::string::npos);
  EXPECT_NE(story->body.find("href=\"/storm-damage/\""), std::string::npos);  // same-site now
  // The paywall holds as it did on Ghost: the ending is not on the page for a visitor.
  auto paid = Fetch(port, "GET", "/articles/harbour-fees");
  ASSERT_EQ(paid->status, 200);
  EXPECT_NE(paid->body.find("raise fees"), std::string::npos);
  EXPECT_EQ(paid->body.find("The ending sentence only subscribers may read"), std::string::npos);
  EXPECT_EQ(paid->body.find("alert("), std::string::npos);
  // Ghost's addresses ("/slug/") lead to the stories.
  auto old = Fetch(port, "GET", "/harbour-reopens/");
  EXPECT_EQ(old->status, 301);
  EXPECT_EQ(old->Header("location"), "/articles/harbour-reopens");
  EXPECT_EQ(Fetch(port, "GET", "/next-storm/")->status, 404);  // a draft had none

  auto again = RunDateline(site.With({"import", "ghost", Fixture()}));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM articles WHERE slug LIKE 'harbour%'"), 3);
  EXPECT_EQ(ImportRow(again.output, "stories"), (std::vector<int>{0, 4, 0})) << again.output;
}

TEST(ImportGhostTest, WhatIsNotAGhostExportIsRefusedBeforeAnything) {
  TestSite site;
  RunOk(site, {"migrate"});
  int64_t before = site.QueryInt("SELECT COUNT(*) FROM articles");
  for (const auto& [name, text, said] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"broken.json", "{\"db\": [", "not JSON"},
           {"other.json", "{\"posts\": 3}", "not a Ghost export"},
           {"latin1.json", "{\"db\": [{\"data\": {\"posts\": [{\"title\": \"caf\xe9\"}]}}]}",
            "not UTF-8"}}) {
    std::ofstream(site.File(name), std::ios::binary) << text;
    auto r = RunDateline(site.With({"import", "ghost", site.File(name)}));
    EXPECT_EQ(r.exit_code, 2) << name << "\n" << r.output;
    EXPECT_NE(r.output.find(said), std::string::npos) << name << "\n" << r.output;
  }
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM articles"), before);
  auto unknown = RunDateline(site.With({"import", "typepad", Fixture()}));
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("wordpress, ghost, substack or dateline"), std::string::npos)
      << unknown.output;
}

TEST(ImportGhostTest, MembersComeWithTheirNewslettersAndStripeSubscriptions) {
  TestSite site;
  RunOk(site, {"migrate"});
  // An address this site stopped mailing (it bounced) stays out of every list.
  ASSERT_TRUE(site.RunSql("INSERT INTO mail_suppressions (email, reason, detail, created_at) "
                          "VALUES ('bounced@readers.example', 'bounce', '5.1.1', 0)")
                  .ok());
  std::ofstream(site.File("plans.toml"))
      << "[[plans]]\ncode = \"digital-monthly\"\nname = \"Digital, monthly\"\n"
      << "price_cents = 900\nstripe_price = \"price_monthly\"\n";
  auto run =
      RunDateline(site.With({"import", "ghost", Fixture(), "--config", site.File("plans.toml")}));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // Olga's subscription waits for a plan that sells its price: she is not done yet.
  EXPECT_EQ(ImportRow(run.output, "members"), (std::vector<int>{4, 0, 2})) << run.output;
  EXPECT_EQ(ImportRow(run.output, "newsletters"), (std::vector<int>{2, 0, 0})) << run.output;
  EXPECT_EQ(ImportRow(run.output, "memberships"), (std::vector<int>{4, 0, 1})) << run.output;
  EXPECT_EQ(ImportRow(run.output, "accounts"), (std::vector<int>{2, 0, 0})) << run.output;
  EXPECT_EQ(ImportRow(run.output, "subscriptions"), (std::vector<int>{1, 0, 1})) << run.output;
  for (const char* said :
       {"member m3: subscription sub_OlgaLegacy02 ignored: no plan sells price "
        "'price_legacy2019'",
        "member m5: complimentary access is not brought in", "member m6: refused",
        "member m4: not added to \"The Weekly Harbour\": the address is suppressed"}) {
    EXPECT_NE(run.output.find(said), std::string::npos) << said << "\n" << run.output;
  }
  // Newsletter choices, with the consent date they signed up on.
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM newsletter_members m JOIN newsletters n ON n.id = "
                          "m.newsletter_id WHERE m.state = 'confirmed' AND ((m.email = "
                          "'ben@readers.example' AND n.name IN ('The Weekly Harbour', 'Storm "
                          "Alerts')) OR m.email = 'ada@readers.example')"),
            3);
  EXPECT_EQ(site.QueryInt("SELECT consent_at FROM newsletter_members WHERE email = "
                          "'ada@readers.example'"),
            1675238400);  // 2023-02-01T08:00:00Z
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM newsletter_members WHERE email = "
                          "'bounced@readers.example'"),
            0);
  // The paying member: an account (no password until a reset code sets one), and the
  // Stripe subscription linked to the plan that sells its price, as a webhook would.
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM users WHERE email = 'ben@readers.example' AND "
                          "password_hash = '' AND email_verified_at IS NOT NULL"),
            1);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM subscriptions s JOIN users u ON u.id = s.user_id "
                          "JOIN plans p ON p.id = s.plan_id WHERE u.email = 'ben@readers.example' "
                          "AND s.provider = 'stripe' AND s.provider_ref = 'sub_BenMonthly01' AND "
                          "s.provider_customer = 'cus_BenPaid01' AND s.status = 'active' AND "
                          "p.code = 'digital-monthly'"),
            1);
  // Again, with the legacy price now sold: only what was missing comes in.
  std::ofstream(site.File("plans.toml"), std::ios::app)
      << "\n[[plans]]\ncode = \"legacy\"\nname = \"Legacy\"\nprice_cents = 500\n"
      << "stripe_price = \"price_legacy2019\"\n";
  auto again =
      RunDateline(site.With({"import", "ghost", Fixture(), "--config", site.File("plans.toml")}));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(ImportRow(again.output, "members"), (std::vector<int>{1, 4, 1})) << again.output;
  EXPECT_EQ(ImportRow(again.output, "subscriptions"), (std::vector<int>{1, 0, 0})) << again.output;
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM subscriptions s JOIN plans p ON p.id = s.plan_id "
                          "WHERE s.provider_ref = 'sub_OlgaLegacy02' AND p.code = 'legacy' AND "
                          "s.cancel_at_period_end = 1"),
            1);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM subscriptions"), 2);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM users WHERE email = 'old@readers.example'"), 1);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM newsletter_members"), 4);
}

}  // namespace
}  // namespace dateline::testing
