#pragma once
// What web/ calls for comments: post, reply, edit, delete, recommend, flag, read threads a
// page at a time, and the moderators' work. Every action goes through comment_policy's
// Permit first; every write is one transaction; the SQL is comment_store's. Thread-safe.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "accounts/actor.hpp"
#include "accounts/user_store.hpp"
#include "articles/article_store.hpp"
#include "comments/comment.hpp"
#include "comments/comment_policy.hpp"
#include "comments/reply_mailer.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "store/db.hpp"

namespace dateline::comments {

enum class PreModeration { kOff, kFirstComments, kAll };

struct ModerationSettings {
  PreModeration premoderation = PreModeration::kOff;
  int64_t premoderation_first = 3;  // kFirstComments: how many of a new commenter's
  std::string banned_words;         // one per line; a comment containing one is held
  int64_t max_links = 2;            // more links than this: held
  int64_t auto_close_days = 0;      // comments close this long after publication; 0: never
};

struct NewComment {
  int64_t article_id = 0;
  int64_t article_published_at = 0;
  int64_t parent_id = 0;  // 0: a new thread
  std::string body;
  std::string idempotency_key;  // from the form: a second submit returns the first comment
};

// Replies shown under a thread on a page of threads; the rest are on the thread's own page.
inline constexpr int kRepliesPerThread = 20;

struct Thread {
  Comment top;
  std::vector<Comment> replies;  // oldest first
  int64_t more_replies = 0;      // not in `replies`: shown on the thread's own page
};

struct ThreadPage {
  std::vector<Thread> threads;
  std::vector<Comment> featured;  // editors' picks, on the first page only
  std::string next_cursor;        // empty: no more
  int64_t approved_count = 0;     // in the whole article
};

// A reader who may not comment now: who shut them out, when, why, and until when.
struct Suspension {
  int64_t user_id = 0;
  std::string name;
  int64_t until = 0;  // INT64_MAX: banned
  std::string by;     // the moderator's name ("" if unknown)
  int64_t at = 0;
  std::string reason;
};

struct QueueItem {
  Comment comment;
  std::string article_slug;
  std::string article_headline;
  std::vector<std::string> flags;  // reasons given by readers
};

// On PostgreSQL every newly approved comment is announced on this channel (payload: the
// comment's id), delivered at commit to every node.
inline constexpr const char* kApprovedChannel = "dateline_comments";
// ... and every change to what an article's comments section shows (payload: the
// article's id), so each node drops only that article's cached pages.
inline constexpr const char* kChangedChannel = "dateline_comment_changes";

class CommentService {
 public:
  // `users` names comments' authors and tells their role (nobody suspends someone of equal or
  // higher rank). `articles` names the stories held comments belong to, and reply emails.
  CommentService(store::Db& db, ratelimit::RateLimiter& limiter, const core::Clock& clock,
                 accounts::UserStore& users, articles::ArticleStore& articles)
      : db_(db), limiter_(limiter), clock_(clock), users_(users), articles_(articles) {}

  // Told (after commit, on the thread that approved it) of each newly approved comment on
  // this node. Set once, before use.
  void OnApproved(std::function<void(int64_t comment_id)> observer) {
    on_approved_ = std::move(observer);
  }
  // How many comments one reader may post per minute and per hour.
  void SetPostingLimits(int64_t per_minute, int64_t per_hour) {
    per_minute_ = {per_minute, 60};
    per_hour_ = {per_hour, 3600};
  }
  // Told (after commit, on this node) that the comments shown on an article changed.
  void OnArticleChanged(std::function<void(int64_t article_id)> observer) {
    on_changed_ = std::move(observer);
  }
  // Writes reply notifications (to the outbox, in the approving transaction). Set once.
  void SetReplyMailer(const ReplyMailer* mailer) { reply_mailer_ = mailer; }

  // Whether the reader wants an email when someone replies to them (off unless asked).
  core::Result<bool> ReplyEmails(int64_t user_id);
  core::Result<void> SetReplyEmails(int64_t user_id, bool on);

  // The reader as far as comments care: suspension is read from the store.
  core::Result<Commenter> CommenterFor(int64_t user_id, bool verified, bool staff, bool moderator,
                                       bool digital_access, int rank = 0);
  // The commenter an actor is: capabilities decide staff and moderation, the actor's
  // digital access decides posting, the store adds any suspension.
  core::Result<Commenter> CommenterFor(const accounts::Actor& actor);
  core::Result<bool> IsOpen(int64_t article_id, int64_t published_at);

  // kPermissionDenied (with the reason), kInvalidArgument (the text), kRateLimited,
  // kNotFound (the parent). A held comment comes back with status kPending.
  core::Result<Comment> Post(const Commenter& who, const NewComment& comment);
  core::Result<Comment> Edit(const Commenter& who, int64_t comment_id, std::string_view body);
  core::Result<void> Delete(const Commenter& who, int64_t comment_id);
  // Once per reader; returns the new count.
  core::Result<int64_t> Recommend(const Commenter& who, int64_t comment_id);
  // What this reader has done to these comments already, so pages offer each action only
  // once (no "Recommend" on a comment they recommended).
  struct ReaderMarks {
    std::set<int64_t> recommended;
    std::set<int64_t> flagged;
  };
  core::Result<ReaderMarks> MarksBy(int64_t user_id, const std::vector<int64_t>& comment_ids);
  core::Result<void> Flag(const Commenter& who, int64_t comment_id, std::string_view reason);

  core::Result<std::optional<Comment>> Find(int64_t comment_id);
  // Approved comments of the article after `after_id`, oldest first (to catch up a
  // reconnecting live stream).
  core::Result<std::vector<Comment>> ApprovedSince(int64_t article_id, int64_t after_id, int limit);
  // A page of threads: approved comments (and tombstones that keep a thread together),
  // plus the viewer's own comments awaiting review.
  core::Result<ThreadPage> Threads(int64_t article_id, Sort sort, std::string_view cursor,
                                   int threads_per_page, int64_t viewer_id);
  // One thread with all its replies (up to `limit`), for its own page; nullopt when the
  // thread is not on the article or not shown to this viewer.
  core::Result<std::optional<Thread>> FullThread(int64_t article_id, int64_t thread_id,
                                                 int64_t viewer_id, int limit = 1000);
  // Approved comments per article, for lists.
  core::Result<std::map<int64_t, int64_t>> ApprovedCounts(const std::vector<int64_t>& article_ids);

  // Moderation.
  core::Result<std::vector<QueueItem>> Queue(const Commenter& who, int limit);
  // How many comments wait in the queue (for the staff home page).
  core::Result<int64_t> QueueSize(const Commenter& who);
  core::Result<void> Approve(const Commenter& who, int64_t comment_id);
  core::Result<void> Reject(const Commenter& who, int64_t comment_id);
  core::Result<void> SetFeatured(const Commenter& who, int64_t comment_id, bool featured);
  // Suspends the comment's author until `until` (INT64_MAX: a ban), and rejects the comment.
  // Nobody suspends someone of equal or higher rank.
  core::Result<void> SuspendAuthor(const Commenter& who, int64_t comment_id, int64_t until,
                                   std::string_view reason = {});
  // The readers suspended or banned now, a page at a time (by user id, after `after_id`).
  core::Result<std::vector<Suspension>> Suspensions(const Commenter& who, int64_t after_id,
                                                    int limit);
  // When each of these readers may comment again (only those who may not now).
  core::Result<std::map<int64_t, int64_t>> SuspendedUntil(const std::vector<int64_t>& user_ids);
  // Lets a suspended or banned reader comment again (same rank rule as suspending).
  core::Result<void> LiftSuspension(const Commenter& who, int64_t user_id);
  core::Result<void> SetClosed(const Commenter& who, int64_t article_id, bool closed);
  core::Result<ModerationSettings> Settings();
  core::Result<void> SaveSettings(const Commenter& who, const ModerationSettings& settings);

 private:
  // Authors' names, whom a reply answers, and the Staff badge, from accounts: one query
  // for any number of comments.
  core::Result<void> AddNames(const std::vector<Comment*>& comments);
  core::Result<std::vector<Comment>> Named(core::Result<std::vector<Comment>> comments);
  core::Result<std::optional<Comment>> Named(core::Result<std::optional<Comment>> comment);
  // The comment, or kNotFound ("no longer there").
  core::Result<Comment> Existing(int64_t comment_id);
  // Runs `body` in a transaction that also tells every node the article's comments changed,
  // and, once committed, this node's observer: every change to what readers see goes here.
  core::Result<void> ChangeShown(int64_t article_id,
                                 const std::function<core::Result<void>(store::Executor&)>& body);
  // PermissionDenied unless `who` outranks the account `user_id` (suspend, ban, lift).
  core::Result<void> OutranksAuthor(const Commenter& who, int64_t user_id);
  // Queues the email to the author of the comment that `reply_id` answers, if they want it.
  core::Result<void> QueueReplyNotice(store::Executor& tx, int64_t reply_id, int64_t now);
  void Announce(int64_t comment_id) const {
    if (on_approved_) on_approved_(comment_id);
  }
  void Changed(int64_t article_id) const {
    if (on_changed_) on_changed_(article_id);
  }

  store::Db& db_;
  ratelimit::RateLimiter& limiter_;
  const core::Clock& clock_;
  accounts::UserStore& users_;
  articles::ArticleStore& articles_;
  std::function<void(int64_t)> on_approved_;
  std::function<void(int64_t)> on_changed_;
  const ReplyMailer* reply_mailer_ = nullptr;
  ratelimit::Limit per_minute_{5, 60};
  ratelimit::Limit per_hour_{60, 3600};
};

}  // namespace dateline::comments
