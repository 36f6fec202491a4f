// The newsroom's rules, decided in the article service: every role (and anonymous, and
// the operator) against every story action, with the stored rows checked; two editors
// saving from one revision; scheduling with a fake clock, published once by two nodes;
// the trash. On both stores.

#include <gtest/gtest.h>

#include <thread>

#include "accounts/actor.hpp"
#include "articles/article_service.hpp"
#include "store_fixture.hpp"

namespace dateline::testing {
namespace {

using accounts::Actor;
using accounts::Role;
using articles::Article;
using articles::ArticleDraft;
using articles::Status;

class NewsroomTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    store_ = std::make_unique<articles::ArticleStore>(*db_);
    service_ = std::make_unique<articles::ArticleService>(*store_, clock_);
    AddAccountPerRole();  // so stories can name their author
  }
  static Actor As(std::optional<Role> role) { return ActingAs(role); }
  static ArticleDraft Draft(const std::string& slug, const std::string& headline) {
    ArticleDraft d;
    d.slug = slug;
    d.headline = headline;
    d.body_markdown = "Body of " + headline + ".\n";
    return d;
  }
  // A story by `author` at `status`, made by the operator.
  Article Story(const std::string& slug, std::optional<Role> author, Status status) {
    auto a = service_->Write(As(author.value_or(Role::kEditor)), Draft(slug, slug),
                             author == Role::kContributor ? Status::kDraft : status);
    EXPECT_TRUE(a.ok()) << a.error().message;
    if (a.ok() && a->status != status) {
      auto moved = service_->Move(accounts::OperatorActor(), a->id, status,
                                  status == Status::kScheduled
                                      ? std::optional<int64_t>(clock_.NowSeconds() + 3600)
                                      : std::nullopt);
      EXPECT_TRUE(moved.ok()) << moved.error().message;
      return moved.ok() ? *moved : *a;
    }
    return a.ok() ? *a : Article{};
  }
  int64_t Count(const std::string& sql, const store::Params& params = {}) {
    auto row = db_->QueryOne(sql, params);
    return row.ok() ? row->Int(0) : -1;
  }
  std::unique_ptr<articles::ArticleStore> store_;
  std::unique_ptr<articles::ArticleService> service_;
};

// Who may do what, in one table: the mapping of roles to story capabilities.
TEST_F(NewsroomTest, EveryRoleAgainstEveryStoryAction) {
  struct Who {
    const char* name;
    std::optional<Role> role;
    bool write, edit_own_draft, submit_own, publish_own, unpublish_own, edit_others, publish_others,
        unpublish, trash;
  } const cases[] = {
      {"anonymous", std::nullopt, false, false, false, false, false, false, false, false, false},
      {"reader", Role::kReader, false, false, false, false, false, false, false, false, false},
      {"contributor", Role::kContributor, true, true, true, false, false, false, false, false,
       false},
      // Authors publish their own stories; taking one down is an editor's call.
      {"author", Role::kAuthor, true, true, true, true, false, false, false, false, false},
      {"moderator", Role::kModerator, false, false, false, false, false, false, false, false,
       false},
      {"editor", Role::kEditor, true, true, true, true, true, true, true, true, true},
      {"admin", Role::kAdmin, true, true, true, true, true, true, true, true, true},
  };
  int n = 0;
  for (const auto& who : cases) {
    SCOPED_TRACE(who.name);
    Actor actor = As(who.role);
    std::string tag = std::string(who.name) + "-" + std::to_string(++n);
    // Writing.
    auto written = service_->Write(actor, Draft("new-" + tag, "New"));
    EXPECT_EQ(written.ok(), who.write);
    if (!who.write) {
      EXPECT_EQ(written.error().code, core::ErrorCode::kPermissionDenied);
      EXPECT_FALSE(written.error().reader.empty()) << "the refusal says why";
      EXPECT_EQ(Count("SELECT COUNT(*) FROM articles WHERE slug = ?", {"new-" + tag}), 0);
    }
    // The actor's own draft (made for them, so roles that cannot write still have one).
    Article own;
    if (written.ok()) {
      own = *written;
    } else {
      auto made = service_->Write(accounts::OperatorActor(), Draft("own-" + tag, "Own"));
      ASSERT_TRUE(made.ok());
      own = *made;
      if (who.role) {
        ASSERT_TRUE(db_->Execute("UPDATE articles SET author_id = ? WHERE id = ?",
                                 {actor.user_id(), own.id})
                        .ok());
        own.author_id = actor.user_id();
      }
    }
    auto edited = service_->Save(actor, own.id, Draft(own.slug, "Own, edited"), own.revision_id);
    EXPECT_EQ(edited.ok(), who.edit_own_draft);
    auto submitted = service_->Move(actor, own.id, Status::kReview);
    EXPECT_EQ(submitted.ok(), who.submit_own);
    auto published = service_->Move(actor, own.id, Status::kPublished);
    EXPECT_EQ(published.ok(), who.publish_own);
    EXPECT_EQ(
        Count("SELECT COUNT(*) FROM articles WHERE id = ? AND status = 'published'", {own.id}),
        who.publish_own ? 1 : 0);
    if (who.publish_own) {
      auto taken_down = service_->Move(actor, own.id, Status::kUnpublished);
      EXPECT_EQ(taken_down.ok(), who.unpublish_own);
      if (!taken_down.ok()) {
        EXPECT_EQ(taken_down.error().code, core::ErrorCode::kPermissionDenied);
      }
    }
    // Somebody else's stories.
    Article other = Story("other-" + tag, Role::kAdmin, Status::kDraft);
    auto edited_other =
        service_->Save(actor, other.id, Draft(other.slug, "Changed"), other.revision_id);
    EXPECT_EQ(edited_other.ok(), who.edit_others);
    EXPECT_EQ(
        Count("SELECT COUNT(*) FROM articles WHERE id = ? AND headline = 'Changed'", {other.id}),
        who.edit_others ? 1 : 0);
    auto published_other = service_->Move(actor, other.id, Status::kPublished);
    EXPECT_EQ(published_other.ok(), who.publish_others);
    Article live = Story("live-" + tag, Role::kAdmin, Status::kPublished);
    auto unpublished = service_->Move(actor, live.id, Status::kUnpublished, std::nullopt, "legal");
    EXPECT_EQ(unpublished.ok(), who.unpublish);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM article_transitions WHERE article_id = ? AND "
                    "to_status = 'unpublished' AND note = 'legal'",
                    {live.id}),
              who.unpublish ? 1 : 0);
    auto trashed = service_->Trash(actor, other.id);
    EXPECT_EQ(trashed.ok(), who.trash);
    EXPECT_EQ(
        Count("SELECT COUNT(*) FROM articles WHERE id = ? AND deleted_at IS NOT NULL", {other.id}),
        who.trash ? 1 : 0);
    // The newsroom list shows what the actor may see, and nothing to those with no desk.
    auto list = service_->ListNewsroom(actor, {}, "", 100);
    EXPECT_EQ(list.ok(), who.write || who.edit_others);
    if (list.ok() && !who.edit_others) {
      for (const auto& a : list->items) EXPECT_EQ(a.author_id, actor.user_id()) << a.slug;
    }
  }
  // Publishing, unpublishing and trashing are in the audit log, with who did it.
  EXPECT_GT(Count("SELECT COUNT(*) FROM audit_log WHERE event = 'story_published' AND user_id = ?",
                  {As(Role::kAuthor).user_id()}),
            0);
  EXPECT_GT(Count("SELECT COUNT(*) FROM audit_log WHERE event = 'story_unpublished'"), 0);
  EXPECT_GT(Count("SELECT COUNT(*) FROM audit_log WHERE event = 'story_trashed'"), 0);
}

TEST_F(NewsroomTest, TwoEditorsSavingFromOneRevisionLoseNothing) {
  Article story = Story("shared", Role::kEditor, Status::kDraft);
  Actor editor = As(Role::kEditor), admin = As(Role::kAdmin);
  auto first =
      service_->Save(editor, story.id, Draft("shared", "The editor's text"), story.revision_id);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second =
      service_->Save(admin, story.id, Draft("shared", "The admin's text"), story.revision_id);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, core::ErrorCode::kConflict);
  EXPECT_FALSE(second.error().reader.empty());
  // The first save stands; saving again from the new revision (after merging) works.
  EXPECT_EQ(service_->Open(admin, story.id)->headline, "The editor's text");
  auto merged =
      service_->Save(admin, story.id, Draft("shared", "Both texts, merged"), first->revision_id);
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  auto revisions = service_->Revisions(admin, story.id, "", 10);
  ASSERT_TRUE(revisions.ok());
  ASSERT_EQ(revisions->items.size(), 3u);
  EXPECT_EQ(revisions->items[0].saved_by, admin.user_id());
  EXPECT_EQ(revisions->items[1].saved_by, editor.user_id());
  // Restoring an old revision makes a new one; nothing is rewritten.
  auto restored = service_->RestoreRevision(admin, story.id, revisions->items[1].id);
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored->headline, "The editor's text");
  EXPECT_EQ(service_->Revisions(admin, story.id, "", 10)->total, 4);
}

TEST_F(NewsroomTest, AScheduledStoryGoesLiveAtItsTimeAndIsPublishedOnceByTwoNodes) {
  Actor editor = As(Role::kEditor);
  Article story = Story("at-noon", Role::kEditor, Status::kReview);
  int64_t noon = clock_.NowSeconds() + 3600;
  auto past = service_->Move(editor, story.id, Status::kScheduled, clock_.NowSeconds() - 1);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().code, core::ErrorCode::kInvalidArgument);
  auto scheduled = service_->Move(editor, story.id, Status::kScheduled, noon, "for noon");
  ASSERT_TRUE(scheduled.ok()) << scheduled.error().message;
  EXPECT_FALSE(service_->FindPublished("at-noon")->has_value());
  EXPECT_FALSE(service_->LookUp("at-noon")->gone) << "not yet is not gone";
  EXPECT_EQ(*service_->NextScheduledPublication(), noon);
  EXPECT_TRUE(service_->PublishDue()->empty());
  clock_.Set(noon);
  EXPECT_TRUE(service_->FindPublished("at-noon")->has_value()) << "live at its time";
  // Two nodes: two connections to the store, asking at the same moment.
  auto other_db = store::Open(site_.store_url(), {2});
  ASSERT_TRUE(other_db.ok());
  articles::ArticleStore other_store(**other_db);
  articles::ArticleService other_node(other_store, clock_);
  std::vector<int64_t> here, there;
  std::thread a([&] {
    auto r = service_->PublishDue();
    if (r.ok()) here = *r;
  });
  std::thread b([&] {
    auto r = other_node.PublishDue();
    if (r.ok()) there = *r;
  });
  a.join();
  b.join();
  EXPECT_EQ(here.size() + there.size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM article_transitions WHERE article_id = ? AND "
                  "from_status = 'scheduled' AND to_status = 'published'",
                  {story.id}),
            1);
  EXPECT_EQ(service_->Open(editor, story.id)->status, Status::kPublished);
}

TEST_F(NewsroomTest, SlugsMoveWithRedirectsAndTheTrashKeepsStoriesThirtyDays) {
  Actor editor = As(Role::kEditor);
  Article story = Story("first-slug", Role::kEditor, Status::kPublished);
  auto clash = service_->Write(editor, Draft("first-slug", "Another"));
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, core::ErrorCode::kAlreadyExists);
  auto renamed =
      service_->Save(editor, story.id, Draft("second-slug", "first-slug"), story.revision_id);
  ASSERT_TRUE(renamed.ok()) << renamed.error().message;
  EXPECT_EQ(service_->LookUp("first-slug")->moved_to, "second-slug");
  EXPECT_TRUE(service_->LookUp("second-slug")->article.has_value());
  // The trash: gone for readers, restorable, deleted for good after thirty days.
  ASSERT_TRUE(service_->Trash(editor, story.id).ok());
  EXPECT_TRUE(service_->LookUp("second-slug")->gone);
  EXPECT_TRUE(service_->LookUp("first-slug")->gone);
  auto edit_in_trash =
      service_->Save(editor, story.id, Draft("second-slug", "x"), renamed->revision_id);
  EXPECT_FALSE(edit_in_trash.ok());
  ASSERT_TRUE(service_->Untrash(editor, story.id).ok());
  EXPECT_TRUE(service_->LookUp("second-slug")->article.has_value());
  ASSERT_TRUE(service_->Trash(editor, story.id).ok());
  clock_.Advance(articles::ArticleService::kTrashSeconds - 10);
  EXPECT_EQ(*service_->EmptyTrash(), 0);
  clock_.Advance(20);
  EXPECT_EQ(*service_->EmptyTrash(), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM articles WHERE id = ?", {story.id}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM article_revisions WHERE article_id = ?", {story.id}), 0);
}

TEST_F(NewsroomTest, ACorrectionIsAnEditorsAndChangesTheDateModified) {
  Article story = Story("corrected", Role::kAuthor, Status::kPublished);
  clock_.Advance(100);
  auto by_author = service_->Correct(As(Role::kAuthor), story.id,
                                     articles::CorrectionKind::kCorrection, "Wrong day.");
  ASSERT_FALSE(by_author.ok());
  EXPECT_EQ(by_author.error().code, core::ErrorCode::kPermissionDenied);
  auto hidden = service_->Correct(As(Role::kEditor), story.id,
                                  articles::CorrectionKind::kCorrection, "Bad\u202Etext");
  EXPECT_FALSE(hidden.ok()) << "no bidi overrides in a correction";
  auto added = service_->Correct(As(Role::kEditor), story.id,
                                 articles::CorrectionKind::kClarification, "Lavrov spoke\nfirst.");
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->body, "Lavrov spoke first.");
  EXPECT_EQ(service_->Open(As(Role::kEditor), story.id)->updated_at, clock_.NowSeconds());
  auto list = service_->CorrectionsOf(story.id);
  ASSERT_EQ(list->size(), 1u);
  auto recent = service_->RecentCorrections("", 10);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->items.size(), 1u);
  EXPECT_EQ(recent->items[0].second.slug, "corrected");
  // Off the site, the story's corrections leave /corrections too.
  ASSERT_TRUE(service_->Move(As(Role::kEditor), story.id, Status::kUnpublished).ok());
  EXPECT_TRUE(service_->RecentCorrections("", 10)->items.empty());
}

TEST_F(NewsroomTest, PreviewLinksShowOneStoryUntilTheyExpire) {
  core::SecretKey key{};
  key[0] = 7;
  articles::ArticleService keyed(*store_, clock_, &key);
  Article draft = Story("secret-draft", Role::kContributor, Status::kDraft);
  Article other = Story("other-draft", Role::kEditor, Status::kDraft);
  auto refused = keyed.ShareablePreview(As(Role::kAuthor), draft.id, 86400);
  ASSERT_FALSE(refused.ok()) << "an author does not see a contributor's draft";
  EXPECT_EQ(refused.error().code, core::ErrorCode::kPermissionDenied);
  EXPECT_FALSE(keyed.ShareablePreview(As(Role::kContributor), draft.id, 60).ok())
      << "an hour at least";
  auto link = keyed.ShareablePreview(As(Role::kContributor), draft.id, 86400);
  ASSERT_TRUE(link.ok()) << link.error().message;
  EXPECT_EQ(keyed.OpenPreview(draft.id, link->expires_at, link->signature)->slug, "secret-draft");
  // Scoped to its story and its expiry: nothing else opens.
  EXPECT_FALSE(keyed.OpenPreview(other.id, link->expires_at, link->signature).ok());
  EXPECT_FALSE(keyed.OpenPreview(draft.id, link->expires_at + 86400, link->signature).ok());
  EXPECT_FALSE(keyed.OpenPreview(draft.id, link->expires_at, "0" + link->signature).ok());
  EXPECT_FALSE(service_->OpenPreview(draft.id, link->expires_at, link->signature).ok())
      << "a service without the key opens nothing";
  clock_.Advance(86401);
  auto expired = keyed.OpenPreview(draft.id, link->expires_at, link->signature);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, core::ErrorCode::kNotFound);
  auto fresh = keyed.ShareablePreview(As(Role::kEditor), draft.id, 86400);
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE(keyed.Trash(As(Role::kEditor), draft.id).ok());
  EXPECT_FALSE(keyed.OpenPreview(draft.id, fresh->expires_at, fresh->signature).ok())
      << "a story in the trash is not shown";
}

}  // namespace
}  // namespace dateline::testing
