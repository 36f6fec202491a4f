// The planner's choices for lists of stories on a store holding many: the newest stories,
// a section's, an author's and a tag's (a rare one), first pages and pages after a cursor,
// their counts, and the sitemap's groups, read with EXPLAIN after the statistics are refreshed. A
// page walks an index in order and stops (no sort of every live story, no full scan); a count reads
// a range of an index of live stories. On both stores; the costs these plans keep flat are in `make
// bench`'s archive part.

#include <gtest/gtest.h>

#include "articles/article_store.hpp"
#include "plan_check.hpp"
#include "store/statistics.hpp"
#include "store_fixture.hpp"

namespace dateline::testing {
namespace {

class StoryListPlansTest : public StoreTest {
 protected:
  static constexpr int kStories = 20000;
  static constexpr int kTags = 200;  // a tag holds one story in two hundred

  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    auto series = [this](int count) { return Series(db_->dialect(), count); };
    std::string stories = std::to_string(kStories);
    std::vector<std::string> seed = {
        "INSERT INTO sections (slug, name, created_at) SELECT 'section-' || n.i, 'Section', 1 "
        "FROM " +
            series(5),
        "INSERT INTO authors (slug, name, created_at) SELECT 'author-' || n.i, 'Author', 1 "
        "FROM " +
            series(5),
        "INSERT INTO tags (slug, name, created_at) SELECT 'tag-' || n.i, 'Tag', 1 FROM " +
            series(kTags),
        // One in seven a draft; the last hundred scheduled for later; one in fifty trashed.
        "INSERT INTO articles (slug, headline, body_markdown, status, published_at, created_at, "
        "updated_at, deleted_at, section_id) SELECT 'story-' || n.i, 'Story', 'Text.', "
        "CASE WHEN n.i % 7 = 0 THEN 'draft' WHEN n.i > " +
            std::to_string(kStories - 100) +
            " THEN 'scheduled' ELSE 'published' END, n.i, n.i, n.i, "
            "CASE WHEN n.i % 50 = 0 THEN n.i END, (SELECT MIN(id) FROM sections) + n.i % 5 FROM " +
            series(kStories),
        "INSERT INTO article_authors (article_id, author_id, position) SELECT a.id, "
        "(SELECT MIN(id) FROM authors) + a.id % 5, 0 FROM articles a",
        "INSERT INTO article_tags (article_id, tag_id) SELECT a.id, "
        "(SELECT MIN(id) FROM tags) + a.id % " +
            std::to_string(kTags) + " FROM articles a",
    };
    for (const auto& sql : seed) {
      auto done = db_->Run(sql);
      ASSERT_TRUE(done.ok()) << done.error().message << "\n" << sql;
    }
    ASSERT_TRUE(store::RefreshStatistics(*db_).ok());
  }

  int64_t First(const std::string& table) {
    auto row = db_->QueryOne("SELECT MIN(id) FROM " + table);
    EXPECT_TRUE(row.ok());
    return row.ok() ? row->Int(0) : 0;
  }
};

TEST_F(StoryListPlansTest, PagesWalkAnIndexInOrderAndCountsReadIndexEntries) {
  RecordingDb recorder(*db_);
  articles::ArticleStore store(recorder);
  const int64_t now = kStories - 200;  // the scheduled stories are still to come
  const std::vector<articles::Shelf> shelves = {
      {},
      {.section_id = First("sections") + 2},
      {.author_id = First("authors") + 1},
      {.tag_id = First("tags") + 7},
  };
  // The expected pages, worked out here from the seeding rules.
  auto expected = [&](const articles::Shelf& shelf) {
    std::vector<int64_t> ids;
    int64_t first_article = First("articles");
    for (int64_t i = now; i >= 1 && ids.size() < 20; --i) {
      int64_t id = first_article + i - 1;
      if (i % 7 == 0 || i % 50 == 0) continue;
      if (shelf.section_id && First("sections") + i % 5 != *shelf.section_id) continue;
      if (shelf.author_id && First("authors") + id % 5 != *shelf.author_id) continue;
      if (shelf.tag_id && First("tags") + id % kTags != *shelf.tag_id) continue;
      ids.push_back(id);
    }
    return ids;
  };
  size_t lists = 0;
  for (const auto& shelf : shelves) {
    auto want = expected(shelf);
    ASSERT_EQ(want.size(), 20u);
    auto first = store.ListShelf(now, shelf, std::nullopt, 10);
    ASSERT_TRUE(first.ok()) << first.error().message;
    ASSERT_EQ(first->size(), 10u);
    auto after = store.ListShelf(now, shelf,
                                 std::make_pair(first->back().published_at, first->back().id), 10);
    ASSERT_TRUE(after.ok()) << after.error().message;
    std::vector<int64_t> got;
    for (const auto* page : {&*first, &*after}) {
      for (const auto& a : *page) got.push_back(a.id);
    }
    EXPECT_EQ(got, want);
    lists += 2;
    auto count = store.CountShelf(now, shelf);
    ASSERT_TRUE(count.ok()) << count.error().message;
    EXPECT_GT(*count, 0);
  }
  auto newest = store.ListPublishedAfter(now, std::nullopt, 10);
  ASSERT_TRUE(newest.ok() && newest->size() == 10u);
  ++lists;
  ASSERT_TRUE(store.CountPublished(now).ok());
  auto due = store.NextScheduledAfter(now);
  ASSERT_TRUE(due.ok() && *due);
  EXPECT_EQ(**due, now + 1);

  // The sitemap's groups: each group's latest change in one seek, as a full count says.
  auto groups = store.SitemapGroups(now, articles::kStoriesPerSitemap);
  ASSERT_TRUE(groups.ok()) << groups.error().message;
  auto counted = db_->Query(
      "SELECT id / " + std::to_string(articles::kStoriesPerSitemap) +
          ", MAX(CASE WHEN updated_at > published_at THEN updated_at ELSE published_at END) "
          "FROM articles WHERE status IN ('scheduled', 'published') AND deleted_at IS NULL "
          "AND published_at <= ? GROUP BY 1 ORDER BY 1",
      {now});
  ASSERT_TRUE(counted.ok()) << counted.error().message;
  ASSERT_EQ(groups->size(), counted->size());
  for (size_t i = 0; i < groups->size(); ++i) {
    EXPECT_EQ((*groups)[i].number, (*counted)[i].Int(0));
    EXPECT_EQ((*groups)[i].lastmod, (*counted)[i].Int(1));
  }

  bool pg = db_->dialect() == store::Dialect::kPostgres;
  for (const auto& statement : recorder.seen) {
    if (statement.first.rfind("SELECT MIN(id)", 0) == 0) continue;  // this test's own
    std::string plan = PlanOf(*db_, statement);
    SCOPED_TRACE(statement.first + "\n" + plan);
    ASSERT_EQ(plan.find("cannot explain"), std::string::npos);
    bool is_list = statement.first.find("LIMIT") != std::string::npos;
    if (pg) {
      // PostgreSQL may well read a count's many entries in one sequential pass; a page
      // never.
      if (is_list) {
        EXPECT_EQ(plan.find("Seq Scan"), std::string::npos);
        EXPECT_EQ(plan.find("Sort"), std::string::npos);
      }
    } else {
      // "SCAN" is every row (or every entry of an index); "SEARCH" is a range of one.
      EXPECT_EQ(plan.find("SCAN "), std::string::npos);
      EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos);
    }
  }
  EXPECT_GE(recorder.seen.size(), lists);
}

}  // namespace
}  // namespace dateline::testing
