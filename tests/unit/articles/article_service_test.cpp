#include "articles/article_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include "../../support/temp_dir.hpp"
#include "app/schema.hpp"
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
    structure_store_ = std::make_unique<StructureStore>(*db_);
    structure_ = std::make_unique<StructureService>(*structure_store_, clock_);
  }
  ArticleDraft Draft(std::string slug, std::string headline) {
    ArticleDraft d;
    d.slug = std::move(slug);
    d.headline = std::move(headline);
    d.body_markdown = "Body.\n";
    return d;
  }
  // As `dateline article publish` does, for the operator.
  core::Result<ArticleService::Imported> Publish(const ArticleDraft& draft, bool update = false) {
    ArticleFile file;
    file.draft = draft;
    file.update = update;
    return service_->Import(accounts::OperatorActor(), file, *structure_);
  }
  testing::TempDir dir_;
  core::FakeClock clock_{1'700'000'000};
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<ArticleStore> store_;
  std::unique_ptr<ArticleService> service_;
  std::unique_ptr<StructureStore> structure_store_;
  std::unique_ptr<StructureService> structure_;
};

TEST_F(ArticleServiceTest, ASlugInUseIsRefusedUnlessTheFileSaysUpdate) {
  auto first = Publish(Draft("a", "First"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->created);
  clock_.Advance(60);
  auto clash = Publish(Draft("a", "Second"));
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, core::ErrorCode::kAlreadyExists);
  EXPECT_NE(clash.error().reader.find("“First”"), std::string::npos) << "the clash is named";
  EXPECT_EQ((*service_->FindPublished("a"))->headline, "First");
  auto second = Publish(Draft("a", "Second"), /*update=*/true);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->article.id, first->article.id);
  EXPECT_EQ((*service_->FindPublished("a"))->headline, "Second");
  auto revisions = service_->Revisions(accounts::OperatorActor(), first->article.id, "", 10);
  ASSERT_TRUE(revisions.ok());
  ASSERT_EQ(revisions->items.size(), 2u) << "every save is a revision";
  EXPECT_EQ(revisions->items[0].text.headline, "Second");
  EXPECT_EQ(revisions->items[1].text.headline, "First");
  auto update_nothing = Publish(Draft("b", "B"), /*update=*/true);
  ASSERT_FALSE(update_nothing.ok());
  EXPECT_EQ(update_nothing.error().code, core::ErrorCode::kNotFound);
}

TEST_F(ArticleServiceTest, PublishingBumpsContentGeneration) {
  auto before = store::ReadContentGeneration(*db_);
  ASSERT_TRUE(Publish(Draft("a", "A")).ok());
  auto after = store::ReadContentGeneration(*db_);
  EXPECT_EQ(*after, *before + 1);
}

TEST_F(ArticleServiceTest, ScheduledArticlesStayHiddenUntilDue) {
  ArticleDraft d = Draft("later", "Later");
  d.published_at = clock_.NowSeconds() + 3600;
  ASSERT_TRUE(Publish(d).ok());
  EXPECT_FALSE(service_->FindPublished("later")->has_value());
  EXPECT_TRUE(service_->ListPublishedPage("", 10)->items.empty());
  EXPECT_EQ(*service_->NextScheduledPublication(), clock_.NowSeconds() + 3600);
  clock_.Advance(3600);
  EXPECT_TRUE(service_->FindPublished("later")->has_value());
  EXPECT_EQ(service_->ListPublishedPage("", 10)->items.size(), 1u);
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
    auto r = Publish(c.draft);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(service_->ListNewsroom(accounts::OperatorActor(), {}, "", 10)->total, 0);
}

TEST_F(ArticleServiceTest, ListsNewestFirst) {
  ArticleDraft old = Draft("old", "Old");
  old.published_at = 1000;
  ArticleDraft fresh = Draft("new", "New");
  fresh.published_at = 2000;
  ASSERT_TRUE(Publish(old).ok());
  ASSERT_TRUE(Publish(fresh).ok());
  auto page = service_->ListPublishedPage("", 10);
  ASSERT_TRUE(page.ok());
  const auto& list = page->items;
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].slug, "new");
  EXPECT_EQ(list[1].slug, "old");
}

// The sitemap's groups: live stories by id, `per_group` ids to a group, each group with
// its latest change; a scheduled story is in none until it is due.
TEST_F(ArticleServiceTest, TheSitemapGroupsLiveStoriesById) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ArticleDraft d = Draft("story-" + std::to_string(i), "Story");
    d.published_at = 1000 + i;
    auto a = Publish(d);
    ASSERT_TRUE(a.ok());
    ids.push_back(a->article.id);
  }
  ArticleDraft later = Draft("later", "Later");
  later.published_at = clock_.NowSeconds() + 3600;
  ASSERT_TRUE(Publish(later).ok());
  auto groups = service_->SitemapGroups(2);
  ASSERT_TRUE(groups.ok());
  int64_t listed = 0;
  for (const auto& g : *groups) {
    auto entries = service_->SitemapEntries(g.number, 2);
    ASSERT_TRUE(entries.ok());
    EXPECT_FALSE(entries->empty()) << "a group holds a live story";
    EXPECT_LE(entries->size(), 2u);
    listed += static_cast<int64_t>(entries->size());
    int64_t newest = 0;
    for (const auto& e : *entries) newest = std::max(newest, e.lastmod);
    EXPECT_EQ(newest, g.lastmod) << "the group's latest change";
  }
  EXPECT_EQ(listed, 5);
  EXPECT_EQ(groups->front().number, ids.front() / 2);
  EXPECT_EQ(groups->back().number, ids.back() / 2);
  EXPECT_TRUE(service_->SitemapEntries(ids.back() / 2 + 1, 2)->empty());
  EXPECT_TRUE(service_->SitemapEntries(-1, 2)->empty());
  EXPECT_TRUE(service_->SitemapEntries(std::numeric_limits<int64_t>::max(), 2)->empty());
  clock_.Advance(3600);
  int64_t now_listed = 0;
  auto now_groups = service_->SitemapGroups(2);  // kept: a loop over *temporary would dangle
  ASSERT_TRUE(now_groups.ok());
  for (const auto& g : *now_groups) {
    now_listed += static_cast<int64_t>(service_->SitemapEntries(g.number, 2)->size());
  }
  EXPECT_EQ(now_listed, 6);
}

}  // namespace
}  // namespace dateline::articles
