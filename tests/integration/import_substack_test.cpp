// dateline import substack, on both stores: the small export written for these tests
// (tests/fixtures/imports/substack/: posts.csv, posts/*.html, email_list.NAME.csv) comes in
// with each post's audience as the paywall, /p/slug redirecting, podcasts and missing or
// hostile files noted, and the subscribers on one newsletter with their sign-up dates;
// paying subscribers, whose subscriptions Substack keeps, are reported.

#include <gtest/gtest.h>

#include "harness.hpp"

namespace dateline::testing {
namespace {

std::string Fixture() { return SourceDir() + "/tests/fixtures/imports/substack"; }

TEST(ImportSubstackTest, PostsAndSubscribersComeInWithTheirAudiences) {
  TestSite site;
  RunOk(site, {"migrate"});
  auto run = RunDateline(site.With({"import", "substack", Fixture()}));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(ImportRow(run.output, "stories"), (std::vector<int>{4, 0, 0})) << run.output;
  EXPECT_EQ(ImportRow(run.output, "members"), (std::vector<int>{3, 0, 1})) << run.output;
  EXPECT_EQ(ImportRow(run.output, "memberships"), (std::vector<int>{2, 0, 0})) << run.output;
  for (const char* said :
       {"post 104.episode-one (posts.csv line 5): skipped: a Substack podcast",
        "post 105.missing-file (posts.csv line 6): skipped: posts/105.missing-file.html is not "
        "in the folder",
        "post ../../etc/passwd (posts.csv line 8): skipped: its post_id is not NUMBER.slug",
        "1 paying subscriber(s) pay through Substack's own Stripe account",
        "member not an email: refused", "<script> removed", "<form> removed"}) {
    EXPECT_NE(run.output.find(said), std::string::npos) << said << "\n" << run.output;
  }
  EXPECT_EQ(ArticleAccess(site, "lake-levels-fall"), 0);
  EXPECT_EQ(ArticleAccess(site, "for-free-subscribers"), 1);
  EXPECT_EQ(ArticleAccess(site, "subscribers-only-analysis"), 2);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM articles WHERE slug = 'draft-idea' AND status = "
                          "'draft'"),
            1);
  EXPECT_EQ(site.QueryInt("SELECT published_at FROM articles WHERE slug = 'lake-levels-fall'"),
            1709537400);  // 2024-03-04T07:30:00Z
  // Subscribers: on the publication's newsletter with their sign-up date; a muted one not.
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM newsletter_members m JOIN newsletters n ON n.id = "
                          "m.newsletter_id WHERE n.slug = 'lakeside-letter' AND m.state = "
                          "'confirmed'"),
            2);
  EXPECT_EQ(site.QueryInt("SELECT consent_at FROM newsletter_members WHERE email = "
                          "'reader.one@lake.example'"),
            1698832800);  // 2023-11-01T10:00:00Z
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM newsletter_members WHERE email = "
                          "'muted@lake.example'"),
            0);

  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  auto old = Fetch(server->port(), "GET", "/p/lake-levels-fall");
  EXPECT_EQ(old->status, 301);
  EXPECT_EQ(old->Header("location"), "/articles/lake-levels-fall");
  auto paid = Fetch(server->port(), "GET", "/articles/subscribers-only-analysis");
  ASSERT_EQ(paid->status, 200);
  EXPECT_NE(paid->body.find("what the drought costs, &quot;in full&quot;"), std::string::npos)
      << paid->body.substr(0, 2000);
  EXPECT_EQ(paid->body.find("The closing line only paying readers may read"), std::string::npos);
  EXPECT_EQ(paid->body.find("track()"), std::string::npos);

  auto again = RunDateline(site.With({"import", "substack", Fixture()}));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(ImportRow(again.output, "stories"), (std::vector<int>{0, 4, 0})) << again.output;
  EXPECT_EQ(ImportRow(again.output, "members"), (std::vector<int>{0, 3, 1})) << again.output;
  // Not an export: refused before anything.
  auto wrong = RunDateline(site.With({"import", "substack", site.dir()}));
  EXPECT_EQ(wrong.exit_code, 2) << wrong.output;
}

}  // namespace
}  // namespace dateline::testing
