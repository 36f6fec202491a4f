#include "articles/article_service.hpp"

#include <gtest/gtest.h>

#include "app/schema.hpp"
#include "../../support/temp_dir.hpp"
#include "store/content_generation.hpp"
#include "store/migrations.hpp"

namespace dateline::articles {
namespace {

class ArticleServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Open("sqlite://" + dir_.File("t.db"));
    ASSERT_TRUE(db.ok());
    db_ = std::move(db.value());
    ASSERT_TRUE(store::Migrate(*db_, app::Schema().migrations, clock_).ok());
    store_ = std::make_unique<ArticleStore>(*db_);
    service_ = std::make_unique<ArticleService>(*store_, clock_);
  }
  ArticleDraft Draft(std::string slug, std::string headline) {
    ArticleDraft d;
    d.slug = std::move(slug);
    d.headline = std::move(headline);
    d.body_markdown = "Body.\n";
    return d;
  }
  testing::TempDir dir_;
  core::FakeClock clock_{1'700'000'000};
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<ArticleStore> store_;
  std::unique_ptr<ArticleService> service_;
};

TEST_F(ArticleServiceTest, RepublishingKeepsRevisions) {
  auto first = service_->Publish(Draft("a", "First"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->created);
  clock_.Advance(60);
  auto second = service_->Publish(Draft("a", "Second"));
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->revisions, 1);
  EXPECT_EQ(second->article.id, first->article.id);
  auto found = service_->FindPublished("a");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->headline, "Second");
  auto rev = db_->QueryOne("SELECT headline FROM article_revisions WHERE article_id = ?",
                           {first->article.id});
  ASSERT_TRUE(rev.ok());
  EXPECT_EQ(rev->Text(0), "First");
}

TEST_F(ArticleServiceTest, PublishingBumpsContentGeneration) {
  auto before = store::ReadContentGeneration(*db_);
  ASSERT_TRUE(service_->Publish(Draft("a", "A")).ok());
  auto after = store::ReadContentGeneration(*db_);
  EXPECT_EQ(*after, *before + 1);
}

TEST_F(ArticleServiceTest, ScheduledArticlesStayHiddenUntilDue) {
  ArticleDraft d = Draft("later", "Later");
  d.published_at = clock_.NowSeconds() + 3600;
  ASSERT_TRUE(service_->Publish(d).ok());
  EXPECT_FALSE(service_->FindPublished("later")->has_value());
  EXPECT_TRUE(service_->ListPublished(10)->empty());
  EXPECT_EQ(*service_->NextScheduledPublication(), clock_.NowSeconds() + 3600);
  clock_.Advance(3600);
  EXPECT_TRUE(service_->FindPublished("later")->has_value());
  EXPECT_EQ(service_->ListPublished(10)->size(), 1u);
}

TEST_F(ArticleServiceTest, InvalidDraftWritesNothing) {
  struct Case {
    ArticleDraft draft;
  } cases[] = {
      {Draft("Bad Slug", "x")},
      {Draft("ok", "")},
      {Draft("ok", "bad \xFF utf8")},
      {Draft("ok", std::string(301, 'x'))},
  };
  for (const auto& c : cases) {
    auto r = service_->Publish(c.draft);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidArgument);
  }
  EXPECT_TRUE(service_->ListAll(10)->empty());
}

TEST_F(ArticleServiceTest, ListsNewestFirst) {
  ArticleDraft old = Draft("old", "Old");
  old.published_at = 1000;
  ArticleDraft fresh = Draft("new", "New");
  fresh.published_at = 2000;
  ASSERT_TRUE(service_->Publish(old).ok());
  ASSERT_TRUE(service_->Publish(fresh).ok());
  auto list = service_->ListPublished(10);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].slug, "new");
  EXPECT_EQ((*list)[1].slug, "old");
}

}  // namespace
}  // namespace dateline::articles
