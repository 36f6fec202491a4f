// The front page reaches every story: the lead and the next stories, then older ones a
// page at a time by cursor, until the first story ever published. No list silently stops.

#include <gtest/gtest.h>

#include <set>

#include "accounts/actor.hpp"
#include "app/schema.hpp"
#include "articles/article_service.hpp"
#include "harness.hpp"
#include "store/db.hpp"

namespace dateline::testing {
namespace {

TEST(FrontPageTest, OlderStoriesPageByCursorToTheVeryFirst) {
  TestSite site;
  auto server = ServerProcess::Start(site);  // first start: the demo story
  ASSERT_NE(server, nullptr);
  auto db = store::Open(site.store_url(), {2});
  ASSERT_TRUE(db.ok()) << db.error().message;
  articles::ArticleStore store(**db);
  core::FakeClock clock(1'800'000'000);
  articles::ArticleService stories(store, clock);
  constexpr int kStories = 120;
  for (int i = 0; i < kStories; ++i) {
    articles::ArticleFile file;
    file.draft.slug = "story-" + std::to_string(i);
    file.draft.headline = "Story number " + std::to_string(i);
    file.draft.body_markdown = "Text.\n";
    // Some share a second, so the cursor must order by id as well as time.
    file.draft.published_at = 1'700'000'000 + i / 3 * 60;
    ASSERT_TRUE(
        stories.Write(accounts::OperatorActor(), file.draft, articles::Status::kPublished).ok());
  }
  int pages = 0;
  auto seen = WalkStoryPages(server->port(), "/", &pages);
  EXPECT_EQ(seen.size(), static_cast<size_t>(kStories + 1)) << "every story, the demo included";
  EXPECT_TRUE(seen.count("/articles/story-0"));
  EXPECT_TRUE(seen.count("/articles/kerry-lavrov-syria-truce"));
  EXPECT_EQ(pages, 5) << "25 to a page";
  EXPECT_EQ(Fetch(server->port(), "GET", "/?after=not-a-cursor")->status, 400);
  EXPECT_EQ(Fetch(server->port(), "GET", "/?after=" + std::string(100, '1'))->status, 400);
}

}  // namespace
}  // namespace dateline::testing
