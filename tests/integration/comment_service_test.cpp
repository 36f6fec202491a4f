// The comment service on both stores, with a clock the test moves: threads, the edit
// window, tombstones, double submits, pre-moderation, pages, moderation, anonymization.

#include "comments/comment_service.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <set>
#include <thread>

#include "store_fixture.hpp"

namespace dateline::testing {
namespace {

using accounts::Role;

using comments::Commenter;
using comments::Status;

class CommentServiceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    limiter_ = std::make_unique<ratelimit::RateLimiter>(*db_, clock_);
    users_ = std::make_unique<accounts::UserStore>(*db_);
    articles_ = std::make_unique<articles::ArticleStore>(*db_);
    service_ =
        std::make_unique<comments::CommentService>(*db_, *limiter_, clock_, *users_, *articles_);
    for (int i = 1; i <= 4; ++i) {
      auto r = db_->Execute(
          "INSERT INTO users (email, display_name, password_hash, email_verified_at, created_at, "
          "updated_at) VALUES (?, ?, 'x', 1, 1, 1)",
          {"u" + std::to_string(i) + "@example.org", "Reader " + std::to_string(i)});
      ASSERT_TRUE(r.ok()) << r.error().message;
    }
    auto a = db_->Execute(
        "INSERT INTO articles (slug, headline, body_markdown, access, status, published_at, "
        "created_at, updated_at) VALUES ('story', 'Story', 'x', 'free', 'published', ?, 1, 1)",
        {clock_.NowSeconds()});
    ASSERT_TRUE(a.ok()) << a.error().message;
  }
  Commenter Subscriber(int64_t id) { return {id, true, false, false, true, 0}; }
  Commenter Moderator() { return {4, true, true, true, false, 0, Rank(Role::kModerator)}; }
  static int Rank(accounts::Role role) { return accounts::RoleRank(role); }
  core::Result<comments::Comment> Post(const Commenter& who, const std::string& body,
                                       int64_t parent = 0, const std::string& key = "") {
    return service_->Post(who, {1, published_, parent, body, key});
  }
  comments::ThreadPage Page(comments::Sort sort = comments::Sort::kNewest,
                            const std::string& cursor = "", int per_page = 10, int64_t viewer = 0) {
    auto page = service_->Threads(1, sort, cursor, per_page, viewer);
    EXPECT_TRUE(page.ok());
    return page.ok() ? *page : comments::ThreadPage{};
  }

  int64_t published_ = 1'800'000'000;
  std::unique_ptr<ratelimit::RateLimiter> limiter_;
  std::unique_ptr<accounts::UserStore> users_;
  std::unique_ptr<articles::ArticleStore> articles_;
  std::unique_ptr<comments::CommentService> service_;
};

TEST_F(CommentServiceTest, ThreadsShowTwoLevelsAndNameWhomADeepReplyAnswers) {
  auto top = Post(Subscriber(1), "The first comment");
  ASSERT_TRUE(top.ok()) << top.error().message;
  EXPECT_EQ(top->status, Status::kApproved);
  auto reply = Post(Subscriber(2), "A reply", top->id);
  ASSERT_TRUE(reply.ok());
  auto deeper = Post(Subscriber(3), "A reply to the reply", reply->id);
  ASSERT_TRUE(deeper.ok());
  EXPECT_EQ(deeper->thread_id, top->id) << "shown in the same thread, one level down";
  EXPECT_EQ(deeper->parent_author, "Reader 2");
  EXPECT_EQ(reply->parent_author, "") << "a direct reply needs no name";
  auto page = Page();
  ASSERT_EQ(page.threads.size(), 1u);
  ASSERT_EQ(page.threads[0].replies.size(), 2u);
  EXPECT_EQ(page.approved_count, 3);
  EXPECT_EQ(service_->ApprovedCounts({1, 2})->at(1), 3);
  EXPECT_FALSE(Post(Subscriber(1), "to nowhere", 999).ok());
}

TEST_F(CommentServiceTest, ALongThreadShowsItsFirstRepliesAndTheRestOnItsOwnPage) {
  service_->SetPostingLimits(1000, 100000);
  auto top = Post(Subscriber(1), "Start of a long thread");
  ASSERT_TRUE(top.ok());
  for (int i = 0; i < comments::kRepliesPerThread + 5; ++i)
    ASSERT_TRUE(Post(Subscriber(2 + i % 2), "Reply " + std::to_string(i), top->id).ok());
  auto page = Page();
  ASSERT_EQ(page.threads.size(), 1u);
  EXPECT_EQ(page.threads[0].replies.size(), static_cast<size_t>(comments::kRepliesPerThread));
  EXPECT_EQ(page.threads[0].replies.front().body, "Reply 0") << "the first replies, in order";
  EXPECT_EQ(page.threads[0].more_replies, 5);
  auto full = service_->FullThread(1, top->id, 0);
  ASSERT_TRUE(full.ok() && *full);
  EXPECT_EQ((*full)->replies.size(), static_cast<size_t>(comments::kRepliesPerThread + 5));
  EXPECT_FALSE(*service_->FullThread(2, top->id, 0)) << "not on another article";
  EXPECT_FALSE(*service_->FullThread(1, (*full)->replies[0].id, 0)) << "a reply is no thread";
}

TEST_F(CommentServiceTest, EditsWithinTenMinutesAreMarkedAndLaterOnesRefused) {
  auto c = Post(Subscriber(1), "Frist");
  ASSERT_TRUE(c.ok());
  clock_.Advance(9 * 60);
  auto edited = service_->Edit(Subscriber(1), c->id, "First");
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_EQ(edited->body, "First");
  EXPECT_EQ(edited->edited_at, clock_.NowSeconds());
  EXPECT_FALSE(service_->Edit(Subscriber(2), c->id, "Mine now").ok()) << "not the author";
  clock_.Advance(61);
  auto late = service_->Edit(Subscriber(1), c->id, "Too late");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, core::ErrorCode::kPermissionDenied);
}

TEST_F(CommentServiceTest, DeletingLeavesATombstoneThatHoldsTheReplies) {
  auto top = Post(Subscriber(1), "Soon gone");
  auto reply = Post(Subscriber(2), "Still here", top->id);
  ASSERT_TRUE(reply.ok());
  EXPECT_FALSE(service_->Delete(Subscriber(2), top->id).ok()) << "not theirs";
  ASSERT_TRUE(service_->Delete(Subscriber(1), top->id).ok());
  auto page = Page();
  ASSERT_EQ(page.threads.size(), 1u);
  EXPECT_EQ(page.threads[0].top.status, Status::kDeleted);
  EXPECT_EQ(page.threads[0].top.body, "");
  EXPECT_EQ(page.threads[0].replies.size(), 1u);
  // A deleted comment with no replies simply disappears.
  auto lonely = Post(Subscriber(3), "Alone");
  ASSERT_TRUE(service_->Delete(Subscriber(3), lonely->id).ok());
  EXPECT_EQ(Page().threads.size(), 1u);
  // A moderator may delete anyone's.
  EXPECT_TRUE(service_->Delete(Moderator(), reply->id).ok());
}

TEST_F(CommentServiceTest, ADoubleSubmitMakesOneComment) {
  auto first = Post(Subscriber(1), "Only once", 0, "form-token-1");
  auto second = Post(Subscriber(1), "Only once", 0, "form-token-1");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->id, second->id);
  // At the same moment from two threads, too.
  std::vector<int64_t> ids(2);
  std::thread a([&] { ids[0] = Post(Subscriber(2), "Race", 0, "form-token-2")->id; });
  std::thread b([&] { ids[1] = Post(Subscriber(2), "Race", 0, "form-token-2")->id; });
  a.join();
  b.join();
  EXPECT_EQ(ids[0], ids[1]);
  EXPECT_EQ(Page().approved_count, 2);
}

TEST_F(CommentServiceTest, ReadersAreRateLimited) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Post(Subscriber(1), "Comment " + std::to_string(i)).ok());
  auto sixth = Post(Subscriber(1), "One too many");
  ASSERT_FALSE(sixth.ok());
  EXPECT_EQ(sixth.error().code, core::ErrorCode::kRateLimited);
  EXPECT_TRUE(Post(Subscriber(2), "Someone else").ok());
  clock_.Advance(61);
  EXPECT_TRUE(Post(Subscriber(1), "A minute later").ok());
}

TEST_F(CommentServiceTest, PreModerationHoldsWhatTheSettingsSay) {
  comments::ModerationSettings s;
  s.premoderation = comments::PreModeration::kFirstComments;
  s.premoderation_first = 1;
  s.banned_words = "spamword\n  Casino  \n";
  s.max_links = 1;
  ASSERT_TRUE(service_->SaveSettings(Moderator(), s).ok());
  EXPECT_FALSE(service_->SaveSettings(Subscriber(1), s).ok()) << "moderators only";
  auto first = Post(Subscriber(1), "My first comment");
  EXPECT_EQ(first->status, Status::kPending);
  EXPECT_NE(first->held_reason.find("first"), std::string::npos);
  // Held comments are shown to their author only.
  EXPECT_EQ(Page().threads.size(), 0u);
  EXPECT_EQ(Page(comments::Sort::kNewest, "", 10, 1).threads.size(), 1u);
  ASSERT_TRUE(service_->Approve(Moderator(), first->id).ok());
  EXPECT_EQ(Post(Subscriber(1), "Second comment goes straight up")->status, Status::kApproved);
  clock_.Advance(61);  // past the per-minute limit
  EXPECT_EQ(Post(Subscriber(1), "Visit the CASINO tonight")->held_reason, "contains a banned word");
  EXPECT_EQ(Post(Subscriber(1), "https://a.org and https://b.org")->held_reason, "too many links");
  EXPECT_EQ(Post(Moderator(), "Staff: https://a.org https://b.org casino")->status,
            Status::kApproved);
  // An approved comment edited into spam goes back to the queue.
  auto clean = Post(Subscriber(1), "Clean");
  auto spam = service_->Edit(Subscriber(1), clean->id, "now with spamword");
  EXPECT_EQ(spam->status, Status::kPending);
  s.premoderation = comments::PreModeration::kAll;
  ASSERT_TRUE(service_->SaveSettings(Moderator(), s).ok());
  clock_.Advance(61);
  EXPECT_EQ(Post(Subscriber(1), "Everything waits")->status, Status::kPending);
}

// Each story's count of approved comments is kept by the store (migration 34), not
// counted: it follows every way a comment is shown or hidden, and matches a real count.
TEST_F(CommentServiceTest, TheApprovedCountFollowsEveryChangeOfAComment) {
  service_->SetPostingLimits(1000, 100000);
  auto count = [&] {
    auto counts = service_->ApprovedCounts({1});
    EXPECT_TRUE(counts.ok());
    int64_t kept = counts.ok() && counts->count(1) ? counts->at(1) : 0;
    auto real =
        db_->QueryOne("SELECT COUNT(*) FROM comments WHERE article_id = 1 AND status = 'approved'");
    EXPECT_TRUE(real.ok());
    EXPECT_EQ(kept, real.ok() ? real->Int(0) : -1) << "the kept count is the real count";
    EXPECT_EQ(Page().approved_count, kept);
    return kept;
  };
  EXPECT_EQ(count(), 0);
  auto top = Post(Subscriber(1), "Shown at once");
  auto reply = Post(Subscriber(2), "A reply", top->id);
  ASSERT_TRUE(top.ok() && reply.ok());
  EXPECT_EQ(count(), 2);
  comments::ModerationSettings s;
  s.premoderation = comments::PreModeration::kAll;
  ASSERT_TRUE(service_->SaveSettings(Moderator(), s).ok());
  auto held = Post(Subscriber(3), "Waits for a moderator");
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(count(), 2) << "held: not counted";
  ASSERT_TRUE(service_->Approve(Moderator(), held->id).ok());
  EXPECT_EQ(count(), 3);
  ASSERT_TRUE(service_->Reject(Moderator(), held->id).ok());
  EXPECT_EQ(count(), 2);
  s.premoderation = comments::PreModeration::kOff;
  ASSERT_TRUE(service_->SaveSettings(Moderator(), s).ok());
  auto edited = service_->Edit(Subscriber(2), reply->id, "A reply, edited");
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(count(), 2) << "an edit that stays shown changes nothing";
  ASSERT_TRUE(service_->Delete(Subscriber(2), reply->id).ok());
  EXPECT_EQ(count(), 1);
  // A row removed outright (a story's thread deleted with its replies) is uncounted too.
  ASSERT_TRUE(db_->Run("DELETE FROM comments WHERE id = ?", {top->id}).ok());
  EXPECT_EQ(count(), 0);
}

TEST_F(CommentServiceTest, CursorPagesWalkEverySortWithoutGapsOrRepeats) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 7; ++i) {
    auto c = Post(Subscriber(1 + i % 3), "Comment " + std::to_string(i));
    ASSERT_TRUE(c.ok()) << c.error().message;
    ids.push_back(c->id);
    clock_.Advance(30);  // under the rate limit
  }
  // Recommendations: comment 2 gets three, comment 5 gets one.
  // ids[2] is by reader 3; readers 1, 2 and 4 recommend it.
  for (int64_t reader : {1, 2, 4}) {
    ASSERT_TRUE(service_->Recommend({reader, true, false, false, false, 0}, ids[2]).ok());
  }
  ASSERT_TRUE(service_->Recommend(Subscriber(1), ids[5]).ok());
  // Page sizes of 1 and 2 put cursors inside and at the edges of the groups of equal
  // recommendation counts (the recommended order's cursor is read in two steps there).
  for (int size : {1, 2, 3})
    for (auto sort :
         {comments::Sort::kNewest, comments::Sort::kOldest, comments::Sort::kRecommended}) {
      SCOPED_TRACE(size);
      std::vector<int64_t> seen;
      std::string cursor;
      do {
        auto page = Page(sort, cursor, size);
        for (const auto& t : page.threads) seen.push_back(t.top.id);
        cursor = page.next_cursor;
      } while (!cursor.empty());
      EXPECT_EQ(seen.size(), 7u) << comments::SortName(sort);
      EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()).size(), 7u);
      if (sort == comments::Sort::kNewest) {
        EXPECT_EQ(seen.front(), ids.back());
      }
      if (sort == comments::Sort::kOldest) {
        EXPECT_EQ(seen.front(), ids.front());
      }
      if (sort == comments::Sort::kRecommended) {
        EXPECT_EQ(seen,
                  (std::vector<int64_t>{ids[2], ids[5], ids[6], ids[4], ids[3], ids[1], ids[0]}));
      }
    }
  // A forged cursor is read as "from the start", never as SQL.
  EXPECT_EQ(Page(comments::Sort::kNewest, "n:1 OR 1=1", 10).threads.size(), 7u);
}

TEST_F(CommentServiceTest, RecommendOncePerReaderNeverOwn) {
  auto c = Post(Subscriber(1), "Recommend me");
  EXPECT_EQ(*service_->Recommend(Subscriber(2), c->id), 1);
  EXPECT_EQ(*service_->Recommend(Subscriber(2), c->id), 1) << "once per reader";
  EXPECT_EQ(*service_->Recommend(Subscriber(3), c->id), 2);
  EXPECT_FALSE(service_->Recommend(Subscriber(1), c->id).ok()) << "not your own";
}

TEST_F(CommentServiceTest, FlagsFillTheQueueAndModeratorsActOnThem) {
  auto c = Post(Subscriber(1), "Something rude");
  ASSERT_TRUE(service_->Flag(Subscriber(2), c->id, "Rude to other readers").ok());
  ASSERT_TRUE(service_->Flag(Subscriber(3), c->id, "Off topic").ok());
  EXPECT_FALSE(service_->Flag(Subscriber(2), c->id, "").ok()) << "a reason is needed";
  EXPECT_FALSE(service_->Queue(Subscriber(2), 10).ok()) << "moderators only";
  auto queue = service_->Queue(Moderator(), 10);
  ASSERT_TRUE(queue.ok()) << queue.error().message;
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().flags.size(), 2u);
  EXPECT_EQ(queue->front().article_slug, "story");
  // Suspended for a day: the comment goes, the author cannot post until it ends.
  ASSERT_TRUE(service_->SuspendAuthor(Moderator(), c->id, clock_.NowSeconds() + 86400).ok());
  EXPECT_TRUE(service_->Queue(Moderator(), 10)->empty());
  EXPECT_EQ(Page().threads.size(), 0u);
  auto suspended = service_->CommenterFor(1, true, false, false, true);
  ASSERT_TRUE(suspended.ok());
  EXPECT_FALSE(Post(*suspended, "Let me back").ok());
  clock_.Advance(86401);
  EXPECT_TRUE(Post(*service_->CommenterFor(1, true, false, false, true), "Back").ok());
  // An editors' pick is shown apart; a ban has no end.
  auto good = Post(Subscriber(2), "A thoughtful comment");
  ASSERT_TRUE(service_->SetFeatured(Moderator(), good->id, true).ok());
  EXPECT_EQ(Page().featured.size(), 1u);
  auto bad = Post(Subscriber(3), "Spam");
  ASSERT_TRUE(service_->SuspendAuthor(Moderator(), bad->id, INT64_MAX).ok());
  clock_.Advance(10LL * 365 * 86400);
  EXPECT_FALSE(Post(*service_->CommenterFor(3, true, false, false, true), "Years later").ok());
}

TEST_F(CommentServiceTest, NobodySuspendsSomeoneOfEqualOrHigherRole) {
  // Users 1..3 take roles; user 4 is the moderator.
  ASSERT_TRUE(db_->Execute("UPDATE users SET role = 'admin' WHERE id = 1").ok());
  ASSERT_TRUE(db_->Execute("UPDATE users SET role = 'editor' WHERE id = 2").ok());
  ASSERT_TRUE(db_->Execute("UPDATE users SET role = 'moderator' WHERE id = 3").ok());
  Commenter admin{1, true, true, true, false, 0, Rank(Role::kAdmin)},
      editor{2, true, true, true, false, 0, Rank(Role::kEditor)},
      other_moderator{3, true, true, true, false, 0, Rank(Role::kModerator)};
  auto by_admin = Post(admin, "From the admin");
  auto by_editor = Post(editor, "From the editor");
  auto by_moderator = Post(other_moderator, "From a moderator");
  for (const auto* c : {&by_admin, &by_editor, &by_moderator}) {
    ASSERT_TRUE(c->ok());
    auto refused = service_->SuspendAuthor(Moderator(), (*c)->id, INT64_MAX);
    ASSERT_FALSE(refused.ok()) << (*c)->body;
    EXPECT_EQ(refused.error().code, core::ErrorCode::kPermissionDenied);
  }
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM commenters WHERE suspended_until > 0")->Int(0), 0);
  EXPECT_TRUE(service_->Queue(admin, 10).ok()) << "the admin still moderates";
  // Above, it works: an editor may suspend a moderator, an admin an editor.
  EXPECT_TRUE(service_->SuspendAuthor(editor, by_moderator->id, clock_.NowSeconds() + 60).ok());
  EXPECT_TRUE(service_->SuspendAuthor(admin, by_editor->id, clock_.NowSeconds() + 60).ok());
  // Lifting follows the same rule, and the list says who did what and why.
  auto list = service_->Suspensions(admin, 0, 10);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->front().user_id, 2);
  EXPECT_EQ(list->front().reason, "Broke the comment rules");
  EXPECT_FALSE(service_->Suspensions(Subscriber(1), 0, 10).ok()) << "moderators only";
  EXPECT_EQ(service_->LiftSuspension(Moderator(), 2).error().code,
            core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->SuspendedUntil({1, 2, 3})->size(), 2u);
  EXPECT_TRUE(service_->LiftSuspension(admin, 2).ok());
  EXPECT_EQ(service_->SuspendedUntil({1, 2, 3})->count(2), 0u);
  EXPECT_EQ(service_->LiftSuspension(admin, 2).error().code, core::ErrorCode::kNotFound);
}

TEST_F(CommentServiceTest, ClosedArticlesTakeNoComments) {
  ASSERT_TRUE(service_->SetClosed(Moderator(), 1, true).ok());
  EXPECT_FALSE(Post(Subscriber(1), "Hello?").ok());
  ASSERT_TRUE(service_->SetClosed(Moderator(), 1, false).ok());
  EXPECT_TRUE(Post(Subscriber(1), "Open again").ok());
  comments::ModerationSettings s;
  s.auto_close_days = 2;
  ASSERT_TRUE(service_->SaveSettings(Moderator(), s).ok());
  clock_.Advance(3 * 86400);
  EXPECT_FALSE(*service_->IsOpen(1, published_));
  EXPECT_FALSE(Post(Subscriber(2), "Too late").ok());
}

TEST_F(CommentServiceTest, ADeletedAccountsCommentsStayAnonymized) {
  auto c = Post(Subscriber(2), "I will leave");
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(db_->Execute("DELETE FROM users WHERE id = 2").ok());
  auto found = service_->Find(c->id);
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->user_id, 0);
  EXPECT_EQ((*found)->author, "Former reader");
}

}  // namespace
}  // namespace dateline::testing
