// Full-text search on both stores: words and phrases, ranking (a headline match before a
// passing mention), highlighted snippets, filters and order, pages by cursor; and the
// paywall: a word only in a story's hidden part is found by readers who may read it in
// full and never by anyone else, nor shown in a snippet. The index follows saves and is
// rebuilt when the paywall's cut changes.

#include <gtest/gtest.h>

#include "accounts/actor.hpp"
#include "articles/article_service.hpp"
#include "articles/structure_service.hpp"
#include "store_fixture.hpp"

namespace dateline::testing {
namespace {

using accounts::Actor;
using articles::Access;
using articles::ArticleDraft;
using articles::SearchRequest;

class FullTextSearchTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    store_ = std::make_unique<articles::ArticleStore>(*db_);
    service_ = std::make_unique<articles::ArticleService>(*store_, clock_);
    ASSERT_TRUE(service_->RebuildSearchIndexIfStale().ok());
  }
  int64_t Publish(const std::string& slug, const std::string& headline, const std::string& body,
                  Access access = Access::kFree, int64_t at = 1'700'000'000) {
    ArticleDraft d;
    d.slug = slug;
    d.headline = headline;
    d.body_markdown = body;
    d.access = access;
    d.published_at = at;
    auto a = service_->Write(accounts::OperatorActor(), d, articles::Status::kPublished);
    EXPECT_TRUE(a.ok()) << a.error().message;
    return a.ok() ? a->id : 0;
  }
  std::vector<std::string> Find(const std::string& q, const Actor& who, bool newest = false) {
    SearchRequest r;
    r.query = q;
    r.newest_first = newest;
    auto page = service_->Search(who, r, "", 50);
    EXPECT_TRUE(page.ok()) << page.error().message;
    std::vector<std::string> slugs;
    if (page.ok()) {
      for (const auto& h : page->items) slugs.push_back(h.article.slug);
    }
    return slugs;
  }
  static Actor Anonymous() { return accounts::ActorFor(std::nullopt); }
  static Actor Subscriber() {
    accounts::User u;
    u.id = 1;
    u.role = accounts::Role::kReader;
    Actor a = accounts::ActorFor(u);
    a.digital_access = true;
    return a;
  }
  static Actor Registered() {
    accounts::User u;
    u.id = 2;
    u.role = accounts::Role::kReader;
    return accounts::ActorFor(u);
  }

  std::unique_ptr<articles::ArticleStore> store_;
  std::unique_ptr<articles::ArticleService> service_;
};

TEST_F(FullTextSearchTest, PhrasesRankingAndHighlights) {
  Publish(
      "truce", "Kerry and Lavrov renew the Syria truce",
      "The technical talks in Geneva were nearly done.\n\nNot a breakthrough, officials said.\n");
  Publish("mention", "Markets rise on oil",
          "Traders watched Geneva, where a truce was discussed among many other things.\n");
  Publish("reversed", "Notes from the summit",
          "Done were the talks, technical or not, in Geneva.\n", Access::kFree, 1'700'000'100);
  // Words: every story holding both.
  auto both = Find("geneva truce", Anonymous());
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0], "truce") << "the headline's match ranks first";
  // A phrase matches the words in order only.
  EXPECT_EQ(Find("\"technical talks\"", Anonymous()), std::vector<std::string>{"truce"});
  EXPECT_EQ(Find("talks technical", Anonymous()).size(), 2u);
  // Stems: "talk" finds "talks"; a word is not found inside another ("not" in "nothing").
  EXPECT_EQ(Find("talk", Anonymous()).size(), 2u);
  Publish("nothing", "Nothing happened", "Nothing at all.\n");
  auto nots = Find("NOT", Anonymous());
  EXPECT_EQ(std::count(nots.begin(), nots.end(), "nothing"), 0);
  // Newest first when asked.
  EXPECT_EQ(Find("talks", Anonymous(), true).front(), "reversed");
  // The snippet marks the matched words, escaped.
  SearchRequest r;
  r.query = "breakthrough";
  auto page = service_->Search(Anonymous(), r, "", 10);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_NE(page->items[0].snippet_html.find("Not a <mark>breakthrough</mark>, officials said."),
            std::string::npos)
      << page->items[0].snippet_html;
  // Hostile text is words, never syntax: no error, no surprise matches.
  for (const char* q : {"NEAR(geneva truce)", "headline:truce", "\"unclosed", "geneva*",
                        "{hidden_text}: secret", "-truce", "' OR 1=1 --", "\xCE\xB1\xCE\xB2"}) {
    SearchRequest h;
    h.query = q;
    EXPECT_TRUE(service_->Search(Anonymous(), h, "", 10).ok()) << q;
  }
}

TEST_F(FullTextSearchTest, APaywalledWordIsNeverFoundOrShownWithoutAccess) {
  // Two free paragraphs (the default), then the part for subscribers.
  std::string body =
      "Opening paragraph about the summit.\n\nSecond paragraph, still free.\n\n"
      "Behind the wall: the zanzibar memorandum.\n";
  Publish("members", "Inside the talks", body, Access::kSubscribers);
  Publish("account", "Registered story", body + "\nAlso quixotic.\n", Access::kRegistered);
  EXPECT_TRUE(Find("zanzibar", Anonymous()).empty());
  EXPECT_TRUE(Find("\"zanzibar memorandum\"", Anonymous()).empty());
  EXPECT_TRUE(Find("quixotic", Anonymous()).empty());
  EXPECT_EQ(Find("quixotic", Registered()), std::vector<std::string>{"account"});
  EXPECT_EQ(Find("zanzibar", Registered()), std::vector<std::string>{"account"});
  auto subscriber = Find("zanzibar", Subscriber());
  EXPECT_EQ(subscriber.size(), 2u);
  // A free word finds the story for everyone, and the snippet holds only free text.
  SearchRequest r;
  r.query = "summit";
  auto page = service_->Search(Anonymous(), r, "", 10);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  for (const auto& hit : page->items) {
    EXPECT_EQ(hit.snippet_html.find("zanzibar"), std::string::npos) << hit.snippet_html;
    EXPECT_EQ(hit.snippet_html.find("Behind"), std::string::npos);
  }
  // Made free, the story is found by anyone at once (the index follows the save).
  auto story = store_->FindBySlug("members");
  ASSERT_TRUE(story.ok() && *story);
  ArticleDraft text = articles::TextOf(**story);
  text.access = Access::kFree;
  ASSERT_TRUE(
      service_->Save(accounts::OperatorActor(), (*story)->id, text, (*story)->revision_id).ok());
  EXPECT_EQ(Find("zanzibar", Anonymous()), std::vector<std::string>{"members"});
  // A site that shows three paragraphs free rebuilds the index with the new cut.
  service_->SetFreeParagraphs(3);
  auto rebuilt = service_->RebuildSearchIndexIfStale();
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ(*rebuilt, 2);
  EXPECT_EQ(Find("zanzibar", Anonymous()).size(), 2u) << "the third block is free now";
  EXPECT_TRUE(Find("quixotic", Anonymous()).empty());
  EXPECT_EQ(*service_->RebuildSearchIndexIfStale(), 0) << "nothing to do twice";
}

TEST_F(FullTextSearchTest, FiltersAndPagesReachEveryMatch) {
  for (int i = 0; i < 45; ++i) {
    Publish("s" + std::to_string(i), "Harbour report " + std::to_string(i),
            "The harbour was busy.\n", Access::kFree, 1'700'000'000 + i * 86400);
  }
  SearchRequest r;
  r.query = "harbour";
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = service_->Search(Anonymous(), r, cursor, 20);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 45);
    for (const auto& h : page->items) EXPECT_TRUE(seen.insert(h.article.slug).second);
    cursor = page->next;
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 45u);
  EXPECT_EQ(pages, 3);
  EXPECT_FALSE(service_->Search(Anonymous(), r, "garbage", 20).ok());
  EXPECT_FALSE(service_->Search(Anonymous(), r, "5000", 20).ok());
  // Dates: the first ten days.
  r.from = 1'700'000'000;
  r.until = 1'700'000'000 + 10 * 86400;
  auto dated = service_->Search(Anonymous(), r, "", 50);
  ASSERT_TRUE(dated.ok());
  EXPECT_EQ(dated->total, 10);
  // Drafts, trashed and future stories are never found.
  ArticleDraft d;
  d.slug = "draft";
  d.headline = "Harbour draft";
  d.body_markdown = "harbour\n";
  ASSERT_TRUE(service_->Write(accounts::OperatorActor(), d).ok());
  SearchRequest all;
  all.query = "harbour";
  EXPECT_EQ(service_->Search(Anonymous(), all, "", 5)->total, 45);
}

TEST_F(FullTextSearchTest, SectionAndAuthorNarrowTheResults) {
  articles::StructureStore structure_store(*db_);
  articles::StructureService structure(structure_store, clock_);
  articles::Section business;
  business.name = "Business";
  auto section = structure.SaveSection(accounts::OperatorActor(), business);
  ASSERT_TRUE(section.ok());
  for (int i = 0; i < 4; ++i) {
    ArticleDraft d;
    d.slug = "port-" + std::to_string(i);
    d.headline = "Port story";
    d.body_markdown = "About the port.\n";
    auto filing = structure.Resolve(accounts::OperatorActor(),
                                    {i % 2 ? "Business" : "", i < 2 ? "Ann Lee" : "Bo Chen", ""});
    ASSERT_TRUE(filing.ok());
    d.filing = *filing;
    ASSERT_TRUE(service_->Write(accounts::OperatorActor(), d, articles::Status::kPublished).ok());
  }
  SearchRequest r;
  r.query = "port";
  r.section_id = section->id;
  EXPECT_EQ(service_->Search(Anonymous(), r, "", 10)->total, 2);
  auto ann = structure.FindAuthor("ann-lee");
  ASSERT_TRUE(ann.ok() && *ann);
  r.author_id = (*ann)->id;
  auto both = service_->Search(Anonymous(), r, "", 10);
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->total, 1);
  EXPECT_EQ(both->items[0].article.slug, "port-1");
}

}  // namespace
}  // namespace dateline::testing
