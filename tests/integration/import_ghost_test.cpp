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

  auto access = [&](const std::string& slug) {
    return site.QueryInt(
        "SELECT CASE access WHEN 'free' THEN 0 WHEN 'registered' THEN 1 ELSE 2 "
        "END FROM articles WHERE slug = '" +
        slug + "'");
  };
  EXPECT_EQ(access("harbour-reopens"), 0);
  EXPECT_EQ(access("harbour-diary"), 1);
  EXPECT_EQ(access("harbour-fees"), 2);
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
  EXPECT_NE(again.output.find("stories              0         4         0"), std::string::npos)
      << again.output;
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
  EXPECT_NE(unknown.output.find("wordpress or ghost"), std::string::npos) << unknown.output;
}

}  // namespace
}  // namespace dateline::testing
