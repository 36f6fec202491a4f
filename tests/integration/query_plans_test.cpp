// The planner's choices on a store holding many rows, read with EXPLAIN: a comments page
// reads its threads' rows through the thread index, never every approved comment of the
// site through the index on status, once the statistics are kept (store::RefreshStatistics,
// which the server runs at start and hourly). On both stores.

#include <gtest/gtest.h>

#include "comments/comment_store.hpp"
#include "plan_check.hpp"
#include "store/statistics.hpp"
#include "store_fixture.hpp"

namespace dateline::testing {
namespace {

class QueryPlansTest : public StoreTest {
 protected:
  static constexpr int kArticles = 20;
  static constexpr int kThreads = 2000;
  static constexpr int kReplies = 60000;

  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    auto series = [this](int count) { return Series(db_->dialect(), count); };
    std::vector<std::string> seed = {
        "INSERT INTO users (email, display_name, password_hash, role, email_verified_at, "
        "created_at, updated_at) VALUES ('reader@example.org', 'Reader', 'x', 'reader', 1, 1, 1)",
        "INSERT INTO articles (slug, headline, body_markdown, status, published_at, created_at, "
        "updated_at) SELECT 'story-' || n.i, 'Story', 'Text.', 'published', n.i, n.i, n.i FROM " +
            series(kArticles),
        // Threads spread over the stories; ids 1..kThreads.
        "INSERT INTO comments (article_id, user_id, body, status, created_at) SELECT "
        "(SELECT MIN(id) FROM articles) + n.i % " +
            std::to_string(kArticles) +
            ", (SELECT MIN(id) FROM users), 'Top', 'approved', n.i FROM " + series(kThreads),
        "INSERT INTO comments (article_id, user_id, parent_id, thread_id, body, status, "
        "created_at) SELECT t.article_id, t.user_id, t.id, t.id, 'Reply', 'approved', n.i FROM " +
            series(kReplies) + " JOIN comments t ON t.id = 1 + n.i % " + std::to_string(kThreads),
    };
    for (const auto& sql : seed) {
      auto done = db_->Run(sql);
      ASSERT_TRUE(done.ok()) << done.error().message << "\n" << sql;
    }
  }
};

TEST_F(QueryPlansTest, ACommentsPageReadsItsThreadsNotEveryCommentOfTheSite) {
  ASSERT_TRUE(store::RefreshStatistics(*db_).ok());
  auto article = db_->QueryOne("SELECT MIN(id) FROM articles");
  ASSERT_TRUE(article.ok());
  RecordingDb recorder(*db_);
  auto threads = comments::CommentStore::ThreadStarts(recorder, article->Int(0), 0,
                                                      comments::Sort::kNewest, std::nullopt, 20);
  ASSERT_TRUE(threads.ok()) << threads.error().message;
  ASSERT_EQ(threads->size(), 20u) << "a page of threads";
  std::vector<int64_t> ids;
  for (const auto& t : *threads) ids.push_back(t.id);
  auto replies = comments::CommentStore::FirstReplies(recorder, ids, 0, 3);
  ASSERT_TRUE(replies.ok()) << replies.error().message;
  EXPECT_EQ(replies->size(), 60u);
  auto counts = comments::CommentStore::ReplyCounts(recorder, ids, 0);
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->at(ids[0]), kReplies / kThreads);
  ASSERT_EQ(recorder.seen.size(), 3u);

  for (const auto& statement : recorder.seen) {
    std::string plan = PlanOf(*db_, statement);
    EXPECT_EQ(plan.find("cannot explain"), std::string::npos) << plan;
    SCOPED_TRACE(statement.first + "\n" + plan);
    EXPECT_EQ(plan.find("comments_by_status"), std::string::npos);
    if (db_->dialect() == store::Dialect::kPostgres) {
      EXPECT_EQ(plan.find("Seq Scan on comments"), std::string::npos);
    } else {
      // "SCAN c" alone is every row of the table; "SEARCH" is a lookup by an index.
      EXPECT_EQ(plan.find("SCAN c\n"), std::string::npos);
      EXPECT_NE(plan.find("SEARCH c USING"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace dateline::testing
