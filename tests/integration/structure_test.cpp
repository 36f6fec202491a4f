// The newspaper's structure in the article domain: sections, tags and authors arranged by
// editors only; stories filed from front matter (an unknown author becomes a record for
// the operator and is refused for a contributor); shelves paged by cursor to the last
// story; the archive's months; deleting a section or a tag leaves the stories; an author's
// and a tag's shelves follow their stories through the workflow and the trash. Both stores.

#include <gtest/gtest.h>

#include <set>

#include "accounts/actor.hpp"
#include "articles/article_service.hpp"
#include "articles/structure_service.hpp"
#include "core/text.hpp"
#include "store/content_generation.hpp"
#include "store_fixture.hpp"

namespace dateline::testing {
namespace {

using accounts::Actor;
using accounts::Role;
using articles::Section;

class StructureTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    store_ = std::make_unique<articles::ArticleStore>(*db_);
    structure_store_ = std::make_unique<articles::StructureStore>(*db_);
    articles_ = std::make_unique<articles::ArticleService>(*store_, clock_);
    structure_ = std::make_unique<articles::StructureService>(*structure_store_, clock_);
    for (const char* role : {"contributor", "editor"}) {
      auto r = db_->Execute(
          "INSERT INTO users (email, display_name, password_hash, role, email_verified_at, "
          "created_at, updated_at) VALUES (?, ?, 'x', ?, 1, 1, 1)",
          {std::string(role) + "@example.org", std::string(role), std::string(role)});
      ASSERT_TRUE(r.ok()) << r.error().message;
    }
  }
  static Actor As(Role role, int64_t id) {
    accounts::User u;
    u.id = id;
    u.role = role;
    u.verified = true;
    return accounts::ActorFor(u);
  }
  Actor Contributor() { return As(Role::kContributor, 1); }
  Actor Editor() { return As(Role::kEditor, 2); }

  Section AddSection(const std::string& name, bool opinion = false) {
    Section s;
    s.name = name;
    s.opinion = opinion;
    auto saved = structure_->SaveSection(Editor(), s);
    EXPECT_TRUE(saved.ok()) << saved.error().message;
    return saved.ok() ? *saved : s;
  }
  core::Result<articles::ArticleService::Imported> File(const std::string& slug,
                                                        const std::string& front_matter,
                                                        const Actor& actor) {
    auto parsed = articles::ParseArticleFile("---\nheadline: Story " + slug + "\nslug: " + slug +
                                             "\n" + front_matter + "---\nBody.\n");
    if (!parsed.ok()) return parsed.error();
    return articles_->Import(actor, *parsed, *structure_);
  }
  articles::Placement PlacementOf(int64_t id) {
    auto p = structure_->PlacementsOf({id});
    EXPECT_TRUE(p.ok());
    return p.ok() ? (*p)[id] : articles::Placement{};
  }

  std::unique_ptr<articles::ArticleStore> store_;
  std::unique_ptr<articles::StructureStore> structure_store_;
  std::unique_ptr<articles::ArticleService> articles_;
  std::unique_ptr<articles::StructureService> structure_;
};

TEST_F(StructureTest, OnlyEditorsArrangeSectionsTagsAndAuthors) {
  Section s;
  s.name = "Business";
  auto refused = structure_->SaveSection(Contributor(), s);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kPermissionDenied);
  auto anonymous = structure_->SaveTag(accounts::ActorFor(std::nullopt), {0, "", "Markets"});
  EXPECT_EQ(anonymous.error().code, core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(structure_->SaveAuthor(Contributor(), {0, "", "Ann Lee"}).error().code,
            core::ErrorCode::kPermissionDenied);
  auto sections = structure_->Sections();
  ASSERT_TRUE(sections.ok());
  EXPECT_TRUE(sections->empty());

  auto business = structure_->SaveSection(Editor(), s);
  ASSERT_TRUE(business.ok()) << business.error().message;
  EXPECT_EQ(business->slug, "business");
  // A second section with that address is refused, with the clash named.
  auto twice = structure_->SaveSection(Editor(), s);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, core::ErrorCode::kAlreadyExists);
  EXPECT_NE(twice.error().reader.find("business"), std::string::npos);
  // Names are checked: empty, too long, control characters.
  for (const std::string& bad : {std::string("  "), std::string(81, 'x'), std::string("A\x01")}) {
    Section b;
    b.name = bad;
    auto r = structure_->SaveSection(Editor(), b);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_FALSE(r.error().reader.empty());
  }
  // A name with no ASCII letters still gets an address.
  auto greek = structure_->SaveTag(Editor(), {0, "", "Ελλάδα"});
  ASSERT_TRUE(greek.ok()) << greek.error().message;
  EXPECT_TRUE(core::IsValidSlug(greek->slug)) << greek->slug;
}

TEST_F(StructureTest, FrontMatterFilesAStoryInSectionWithAuthorsAndTags) {
  AddSection("World");
  auto before = store::ReadContentGeneration(*db_);
  auto filed = File("truce",
                    "section: world\nauthors: Matthew Lee, Photographs by Ann Lee, matthew-lee\n"
                    "tags: Syria, Diplomacy, syria\n",
                    accounts::OperatorActor());
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  auto placement = PlacementOf(filed->article.id);
  ASSERT_TRUE(placement.section);
  EXPECT_EQ(placement.section->name, "World");
  ASSERT_EQ(placement.authors.size(), 2u);  // matthew-lee is Matthew Lee: credited once
  EXPECT_EQ(placement.authors[0].author.name, "Matthew Lee");
  EXPECT_EQ(placement.authors[0].credit, "");
  EXPECT_EQ(placement.authors[1].author.slug, "ann-lee");
  EXPECT_EQ(placement.authors[1].credit, "Photographs by");
  ASSERT_EQ(placement.tags.size(), 2u);
  EXPECT_EQ(placement.tags[0].name, "Diplomacy");
  EXPECT_EQ(placement.tags[1].slug, "syria");
  EXPECT_GT(*store::ReadContentGeneration(*db_), *before);
  // The editor's fields read it back as it would be typed.
  auto filing = articles::FilingOf(placement);
  EXPECT_EQ(filing.section, "World");
  EXPECT_EQ(filing.authors, "Matthew Lee, Photographs by Ann Lee");
  EXPECT_EQ(filing.tags, "Diplomacy, Syria");

  // A file that names no filing leaves it; one naming only tags replaces all three.
  ASSERT_TRUE(File("truce", "update: true\n", accounts::OperatorActor()).ok());
  EXPECT_EQ(PlacementOf(filed->article.id).authors.size(), 2u);
  ASSERT_TRUE(File("truce", "update: true\ntags: Geneva\n", accounts::OperatorActor()).ok());
  auto replaced = PlacementOf(filed->article.id);
  EXPECT_FALSE(replaced.section);
  EXPECT_TRUE(replaced.authors.empty());
  ASSERT_EQ(replaced.tags.size(), 1u);
  EXPECT_EQ(replaced.tags[0].name, "Geneva");
}

TEST_F(StructureTest, UnknownNamesAreRefusedWithNothingCreated) {
  AddSection("World");
  // An unknown section names the ones there are; nothing is stored.
  auto wrong = File("a", "section: Sport\ntags: Football\n", accounts::OperatorActor());
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().reader.find("World"), std::string::npos);
  // A contributor may not create an author.
  auto stranger = File("b", "status: draft\nauthors: Nobody Known\n", Contributor());
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.error().code, core::ErrorCode::kPermissionDenied);
  auto authors = structure_->Authors("", 10);
  ASSERT_TRUE(authors.ok());
  EXPECT_EQ(authors->total, 0);
  auto tags = structure_->Tags("", 10);
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(tags->total, 0);
  auto stories = articles_->ListNewsroom(accounts::OperatorActor(), {}, "", 10);
  ASSERT_TRUE(stories.ok());
  EXPECT_EQ(stories->total, 0);
  // A malformed list is refused at its line.
  auto eleven = articles::ParseArticleFile(
      "---\nheadline: H\nauthors: a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11\n---\nB\n");
  ASSERT_FALSE(eleven.ok());
  EXPECT_NE(eleven.error().message.find("line 3"), std::string::npos);
  // A contributor files a story under an existing author, or under their own record.
  auto own = structure_->SaveAuthor(Editor(), {0, "", "Casey Contributor", "", "", 1});
  ASSERT_TRUE(own.ok()) << own.error().message;
  auto drafted = File("c", "status: draft\ntags: Notes\n", Contributor());
  ASSERT_TRUE(drafted.ok()) << drafted.error().message;
  auto placement = PlacementOf(drafted->article.id);
  ASSERT_EQ(placement.authors.size(), 1u);
  EXPECT_EQ(placement.authors[0].author.name, "Casey Contributor");
}

TEST_F(StructureTest, ShelvesPageByCursorToTheirLastStory) {
  AddSection("Business");
  AddSection("Opinion", true);
  constexpr int kStories = 45;
  for (int i = 0; i < kStories; ++i) {
    clock_.Advance(i % 2 == 0 ? 0 : 3600);  // some share a second
    std::string section = i % 3 == 0 ? "Opinion" : "Business";
    auto r = File("s" + std::to_string(i),
                  "section: " + section + "\nauthors: " + (i % 5 == 0 ? "Ann Lee" : "Bo Chen") +
                      "\ntags: " + (i % 2 == 0 ? "Even" : "Odd") + ", All\n",
                  accounts::OperatorActor());
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  auto walk = [&](articles::Shelf shelf) {
    std::set<int64_t> seen;
    std::string cursor;
    int pages = 0;
    do {
      auto page = articles_->ListShelfPage(shelf, cursor, 4);
      EXPECT_TRUE(page.ok());
      if (!page.ok()) break;
      for (const auto& a : page->items) EXPECT_TRUE(seen.insert(a.id).second) << a.slug;
      cursor = page->next;
      ++pages;
    } while (!cursor.empty() && pages < 100);
    return seen.size();
  };
  auto opinion = structure_->FindSection("opinion");
  ASSERT_TRUE(opinion.ok() && *opinion);
  EXPECT_TRUE((*opinion)->opinion);
  EXPECT_EQ(walk({.section_id = (*opinion)->id}), 15u);
  auto all = structure_->FindTag("all");
  ASSERT_TRUE(all.ok() && *all);
  EXPECT_EQ(walk({.tag_id = (*all)->id}), static_cast<size_t>(kStories));
  auto ann = structure_->FindAuthor("ann-lee");
  ASSERT_TRUE(ann.ok() && *ann);
  EXPECT_EQ(walk({.author_id = (*ann)->id}), 9u);
  // Tags and authors page too.
  auto first = structure_->Authors("", 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->total, 2);
  EXPECT_EQ(first->next, "ann-lee");
  auto second = structure_->Authors(first->next, 1);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->items.at(0).slug, "bo-chen");
  EXPECT_TRUE(second->next.empty());
  EXPECT_FALSE(structure_->Tags("../etc", 5).ok());

  // The archive counts the months; a month's shelf walks its stories.
  auto months = articles_->ArchiveMonths();
  ASSERT_TRUE(months.ok()) << months.error().message;
  int64_t total = 0;
  for (const auto& [month, n] : *months) {
    EXPECT_EQ(month.size(), 7u);
    total += n;
  }
  EXPECT_EQ(total, kStories);

  // Deleting a section or a tag leaves its stories, unfiled.
  ASSERT_TRUE(structure_->DeleteSection(Editor(), (*opinion)->id).ok());
  ASSERT_TRUE(structure_->DeleteTag(Editor(), (*all)->id).ok());
  auto page = articles_->ListPublishedPage("", 100);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, kStories);
  auto placement = PlacementOf(page->items.front().id);
  EXPECT_EQ(placement.tags.size(), 1u);
}

// Author and tag shelves are read through their link rows' own copy of each story's
// publication time and listing (kept by triggers, migration 33): every way a story
// leaves or rejoins what readers see, and every new link, shows on the shelves at once.
TEST_F(StructureTest, AuthorAndTagShelvesFollowTheirStoriesEveryWay) {
  for (int i = 0; i < 4; ++i) {
    clock_.Advance(60);
    auto r = File("f" + std::to_string(i), "authors: Ann Lee\ntags: Floods\n",
                  accounts::OperatorActor());
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  auto ann = structure_->FindAuthor("ann-lee");
  auto floods = structure_->FindTag("floods");
  ASSERT_TRUE(ann.ok() && *ann && floods.ok() && *floods);
  const articles::Shelf by_ann{.author_id = (*ann)->id};
  const articles::Shelf on_floods{.tag_id = (*floods)->id};
  auto slugs = [&](const articles::Shelf& shelf) {
    auto page = articles_->ListShelfPage(shelf, "", 10);
    EXPECT_TRUE(page.ok()) << page.error().message;
    std::string out;
    if (!page.ok()) return out;
    for (const auto& a : page->items) out += a.slug + " ";
    return out + "(" + std::to_string(page->total) + ")";
  };
  EXPECT_EQ(slugs(by_ann), "f3 f2 f1 f0 (4)");
  EXPECT_EQ(slugs(on_floods), "f3 f2 f1 f0 (4)");

  auto id_of = [&](const std::string& slug) {
    auto a = store_->FindBySlug(slug);
    EXPECT_TRUE(a.ok() && *a);
    return a.ok() && *a ? (*a)->id : 0;
  };
  // Unpublished, trashed, scheduled for later: gone from both shelves and their counts.
  ASSERT_TRUE(articles_->Move(Editor(), id_of("f3"), articles::Status::kUnpublished).ok());
  ASSERT_TRUE(articles_->Trash(Editor(), id_of("f2")).ok());
  ASSERT_TRUE(articles_->Move(Editor(), id_of("f1"), articles::Status::kUnpublished).ok());
  ASSERT_TRUE(
      articles_
          ->Move(Editor(), id_of("f1"), articles::Status::kScheduled, clock_.NowSeconds() + 3600)
          .ok());
  EXPECT_EQ(slugs(by_ann), "f0 (1)");
  EXPECT_EQ(slugs(on_floods), "f0 (1)");
  // Back from the trash, republished, and the scheduled hour come: back in time order.
  ASSERT_TRUE(articles_->Untrash(Editor(), id_of("f2")).ok());
  ASSERT_TRUE(articles_->Move(Editor(), id_of("f3"), articles::Status::kPublished).ok());
  clock_.Advance(3601);
  EXPECT_EQ(slugs(by_ann), "f1 f3 f2 f0 (4)");
  // A story newly tagged by a later save joins the shelf in its place.
  auto r = File("f0", "update: true\nauthors: Ann Lee\ntags: Floods, Rivers\n",
                accounts::OperatorActor());
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto rivers = structure_->FindTag("rivers");
  ASSERT_TRUE(rivers.ok() && *rivers);
  EXPECT_EQ(slugs({.tag_id = (*rivers)->id}), "f0 (1)");
}

}  // namespace
}  // namespace dateline::testing
