// The authorization matrix: every kind of reader against every action.

#include "comments/comment_policy.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <map>

namespace dateline::comments {
namespace {

constexpr int64_t kNow = 1'800'000'000;

struct Who {
  const char* name;
  Commenter c;
};

const Who kReaders[] = {
    {"anonymous", {}},
    {"registered", {10, true, false, false, false, 0}},
    {"unverified", {11, false, false, false, true, 0}},
    {"lapsed", {12, true, false, false, false, 0}},
    {"subscriber", {13, true, false, false, true, 0}},
    {"suspended", {14, true, false, false, true, kNow + 3600}},
    {"moderator", {15, true, true, true, false, 0}},
    {"admin", {16, true, true, true, false, 0}},
};

// Expected answers: read, post, reply, edit own, delete own, delete others', flag, moderate.
struct Row {
  bool read, post, reply, edit_own, delete_own, delete_other, flag, moderate;
};
const std::map<std::string, Row> kExpected = {
    {"anonymous", {true, false, false, false, false, false, false, false}},
    {"registered", {true, false, false, true, true, false, true, false}},
    {"unverified", {true, false, false, false, true, false, false, false}},
    {"lapsed", {true, false, false, true, true, false, true, false}},
    {"subscriber", {true, true, true, true, true, false, true, false}},
    {"suspended", {true, false, false, false, true, false, false, false}},
    {"moderator", {true, true, true, true, true, true, true, true}},
    {"admin", {true, true, true, true, true, true, true, true}},
};

TEST(CommentPolicyTest, TheMatrix) {
  for (const auto& who : kReaders) {
    const Row& want = kExpected.at(who.name);
    Comment own;
    own.user_id = who.c.user_id;
    own.status = Status::kApproved;
    own.created_at = kNow - 60;
    Comment other;
    other.user_id = 999;
    other.status = Status::kApproved;
    other.created_at = kNow - 60;
    auto allowed = [&](Action a, const Comment* target) {
      return Permit(a, who.c, target, true, kNow).allowed;
    };
    EXPECT_EQ(allowed(Action::kRead, nullptr), want.read) << who.name;
    EXPECT_EQ(allowed(Action::kPost, nullptr), want.post) << who.name;
    EXPECT_EQ(allowed(Action::kReply, &other), want.reply) << who.name;
    EXPECT_EQ(allowed(Action::kEdit, &own), want.edit_own && who.c.user_id != 0) << who.name;
    EXPECT_EQ(allowed(Action::kDelete, &own), want.delete_own && who.c.user_id != 0) << who.name;
    EXPECT_EQ(allowed(Action::kDelete, &other), want.delete_other) << who.name;
    EXPECT_EQ(allowed(Action::kFlag, &other), want.flag) << who.name;
    EXPECT_EQ(allowed(Action::kModerate, nullptr), want.moderate) << who.name;
    // Nobody edits someone else's words, flags or recommends their own.
    EXPECT_FALSE(allowed(Action::kEdit, &other)) << who.name;
    if (who.c.user_id != 0) {
      EXPECT_FALSE(allowed(Action::kFlag, &own)) << who.name;
      EXPECT_FALSE(allowed(Action::kRecommend, &own)) << who.name;
    }
  }
}

TEST(CommentPolicyTest, TheEditWindowIsTenMinutes) {
  Commenter subscriber{13, true, false, false, true, 0};
  Comment mine;
  mine.user_id = 13;
  mine.status = Status::kApproved;
  mine.created_at = kNow - kEditWindowSeconds;
  EXPECT_TRUE(Permit(Action::kEdit, subscriber, &mine, true, kNow).allowed);
  auto late = Permit(Action::kEdit, subscriber, &mine, true, kNow + 1);
  EXPECT_FALSE(late.allowed);
  EXPECT_NE(late.reason.find("10 minutes"), std::string::npos);
}

TEST(CommentPolicyTest, ClosedArticlesBansAndHiddenTargets) {
  Commenter subscriber{13, true, false, false, true, 0};
  Commenter admin{16, true, true, true, false, 0};
  EXPECT_FALSE(Permit(Action::kPost, subscriber, nullptr, false, kNow).allowed);
  EXPECT_FALSE(Permit(Action::kPost, admin, nullptr, false, kNow).allowed);
  Commenter banned = subscriber;
  banned.suspended_until = INT64_MAX;
  EXPECT_FALSE(Permit(Action::kPost, banned, nullptr, true, kNow).allowed);
  Commenter served = subscriber;
  served.suspended_until = kNow;  // the suspension has ended
  EXPECT_TRUE(Permit(Action::kPost, served, nullptr, true, kNow).allowed);
  Comment pending;
  pending.user_id = 999;
  pending.status = Status::kPending;
  EXPECT_FALSE(Permit(Action::kReply, subscriber, &pending, true, kNow).allowed);
  EXPECT_FALSE(Permit(Action::kRecommend, subscriber, &pending, true, kNow).allowed);
  Comment gone;
  gone.user_id = 13;
  gone.status = Status::kDeleted;
  EXPECT_FALSE(Permit(Action::kDelete, subscriber, &gone, true, kNow).allowed);
  EXPECT_FALSE(Permit(Action::kEdit, subscriber, &gone, true, kNow).allowed);
}

// The controls pages show come from the rule, with the reader's own marks taken out.
TEST(CommentPolicyTest, ControlsFollowTheRule) {
  Commenter subscriber{13, true, false, false, true, 0};
  Commenter moderator{15, true, true, true, false, 0};
  Comment mine;
  mine.user_id = 13;
  mine.status = Status::kApproved;
  mine.created_at = kNow - 60;
  Comment theirs = mine;
  theirs.user_id = 999;

  CommentControls own = ControlsFor(subscriber, mine, true, kNow, false, false);
  EXPECT_TRUE(own.reply && own.edit && own.remove_own);
  EXPECT_FALSE(own.moderate);
  CommentControls other = ControlsFor(subscriber, theirs, true, kNow, false, false);
  EXPECT_FALSE(other.edit || other.remove_own || other.moderate);
  EXPECT_TRUE(other.recommend && other.flag);
  CommentControls marked = ControlsFor(subscriber, theirs, true, kNow, true, true);
  EXPECT_FALSE(marked.recommend || marked.flag) << "a mark is given once";
  EXPECT_TRUE(ControlsFor(moderator, theirs, true, kNow, false, false).moderate);
  Comment pending = theirs;
  pending.status = Status::kPending;
  EXPECT_FALSE(ControlsFor(moderator, pending, true, kNow, false, false).moderate)
      << "the queue, not the page, decides held comments";
  CommentControls nobody = ControlsFor(Commenter{}, theirs, true, kNow, false, false);
  EXPECT_FALSE(nobody.reply || nobody.recommend || nobody.flag);

  EXPECT_TRUE(ThreadControlsFor(subscriber, true, kNow).post);
  EXPECT_FALSE(ThreadControlsFor(subscriber, false, kNow).post);
  EXPECT_FALSE(ThreadControlsFor(subscriber, true, kNow).moderate);
  EXPECT_TRUE(ThreadControlsFor(moderator, true, kNow).moderate);
  auto refused = Require(Action::kModerate, subscriber, nullptr, true, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().reader, "This is for the newsroom's moderators.");
}

}  // namespace
}  // namespace dateline::comments
