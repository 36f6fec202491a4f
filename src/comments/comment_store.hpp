#pragma once
// The comments domain's tables and all their SQL: comments, comment_votes, comment_flags,
// commenters (counts and suspensions), comment_settings, article_comment_settings and
// comment_notification_prefs. Other domains' data (authors' names, headlines) is not
// joined here: the service asks accounts and articles for it.
//
// Every function takes the executor to run on: the Db for a read, the transaction for a
// write that must land with others.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "comments/comment.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::comments {

struct ModerationSettings;

// Where the previous page of threads ended, for the sort in use.
struct ThreadCursor {
  int64_t recommendations = 0;
  int64_t id = 0;
};

// A new comment row; status and hold reason decided by the service.
struct CommentRow {
  int64_t article_id = 0;
  int64_t user_id = 0;
  int64_t parent_id = 0;  // 0: a new thread
  int64_t thread_id = 0;  // 0: a new thread
  std::string body;
  Status status = Status::kPending;
  std::string held_reason;
  std::string idempotency_key;  // empty: none
  int64_t created_at = 0;
};

// A reply whose parent's author asked to be told of replies (and is not the replier).
struct ReplyToNotify {
  int64_t parent_user_id = 0;
  int64_t reply_user_id = 0;  // 0: the replier has since left
  int64_t article_id = 0;
  std::string body;
};

// A suspension as stored: whom, until when, by whom, when and why.
struct SuspensionRow {
  int64_t user_id = 0;
  int64_t until = 0;
  int64_t by_user_id = 0;
  int64_t at = 0;
  std::string reason;
};

class CommentStore {
 public:
  // Comments come back without names (author, parent_author, by_staff): the service adds
  // them. `parent_user_id` says whose comment each answers.
  static core::Result<std::optional<Comment>> Find(store::Executor& x, int64_t id);
  static core::Result<std::optional<Comment>> FindByKey(store::Executor& x, int64_t user_id,
                                                        std::string_view key);
  // The new comment's id; nullopt when the reader's key was used at the same moment.
  static core::Result<std::optional<int64_t>> Insert(store::Executor& tx, const CommentRow& row);
  static core::Result<void> SetBody(store::Executor& tx, int64_t id, const std::string& body,
                                    int64_t edited_at, Status status,
                                    const std::string& held_reason);
  // A tombstone: the text goes, the row stays so replies keep their thread.
  static core::Result<void> MarkDeleted(store::Executor& tx, int64_t id);
  // Takes a comment off the page (kept for the record); rows changed (0: it was deleted).
  static core::Result<int64_t> MarkRejected(store::Executor& tx, int64_t id);
  static core::Result<void> MarkApproved(store::Executor& tx, int64_t id);
  // Rows changed: 0 unless the comment is shown.
  static core::Result<int64_t> SetFeatured(store::Executor& tx, int64_t id, bool featured);

  // Votes and flags: each reader once per comment.
  // The new count, or nullopt when this reader had recommended it already.
  static core::Result<std::optional<int64_t>> AddVote(store::Executor& tx, int64_t comment_id,
                                                      int64_t user_id, int64_t now);
  static core::Result<void> AddFlag(store::Executor& x, int64_t comment_id, int64_t user_id,
                                    const std::string& reason, int64_t now);
  static core::Result<void> ResolveFlags(store::Executor& tx, int64_t comment_id, int64_t now);
  static core::Result<std::set<int64_t>> VotedBy(store::Executor& x, int64_t user_id,
                                                 const std::vector<int64_t>& comment_ids);
  static core::Result<std::set<int64_t>> FlaggedBy(store::Executor& x, int64_t user_id,
                                                   const std::vector<int64_t>& comment_ids);
  // Open flags' reasons per comment, oldest first.
  static core::Result<std::map<int64_t, std::vector<std::string>>> OpenFlags(
      store::Executor& x, const std::vector<int64_t>& comment_ids);

  // Reading threads. What a reader sees: approved comments, tombstones that still hold
  // replies, and the viewer's own comments awaiting review.
  static core::Result<std::vector<Comment>> ThreadStarts(store::Executor& x, int64_t article_id,
                                                         int64_t viewer_id, Sort sort,
                                                         const std::optional<ThreadCursor>& after,
                                                         int limit);
  // The first `per_thread` replies of each thread, oldest first.
  static core::Result<std::vector<Comment>> FirstReplies(store::Executor& x,
                                                         const std::vector<int64_t>& thread_ids,
                                                         int64_t viewer_id, int per_thread);
  // How many replies each thread shows this viewer.
  static core::Result<std::map<int64_t, int64_t>> ReplyCounts(
      store::Executor& x, const std::vector<int64_t>& thread_ids, int64_t viewer_id);
  static core::Result<std::vector<Comment>> ThreadReplies(store::Executor& x, int64_t thread_id,
                                                          int64_t viewer_id, int limit);
  static core::Result<std::vector<Comment>> Featured(store::Executor& x, int64_t article_id,
                                                     int limit);
  static core::Result<std::vector<Comment>> ApprovedSince(store::Executor& x, int64_t article_id,
                                                          int64_t after_id, int limit);
  static core::Result<int64_t> ApprovedCount(store::Executor& x, int64_t article_id);
  static core::Result<std::map<int64_t, int64_t>> ApprovedCounts(
      store::Executor& x, const std::vector<int64_t>& article_ids);
  // Held comments and shown ones with open flags, oldest first.
  static core::Result<std::vector<Comment>> Queue(store::Executor& x, int limit);
  // How many comments the queue holds.
  static core::Result<int64_t> QueueSize(store::Executor& x);

  // Commenters: approved counts (for first-comment review) and suspensions.
  static core::Result<int64_t> ApprovedBy(store::Executor& x, int64_t user_id);
  static core::Result<void> CountApproved(store::Executor& tx, int64_t user_id);
  static core::Result<int64_t> SuspendedUntil(store::Executor& x, int64_t user_id);
  // Those of `user_ids` suspended after `now`, and until when.
  static core::Result<std::map<int64_t, int64_t>> SuspendedUntil(
      store::Executor& x, const std::vector<int64_t>& user_ids, int64_t now);
  static core::Result<void> Suspend(store::Executor& tx, const SuspensionRow& suspension);
  static core::Result<std::vector<SuspensionRow>> Suspensions(store::Executor& x, int64_t now,
                                                              int64_t after_user_id, int limit);
  // Rows changed: 0 when the reader was not suspended.
  static core::Result<int64_t> Lift(store::Executor& x, int64_t user_id, int64_t now);

  // Per article, and for the whole site.
  static core::Result<bool> IsClosed(store::Executor& x, int64_t article_id);
  static core::Result<void> SetClosed(store::Executor& tx, int64_t article_id, bool closed);
  static core::Result<ModerationSettings> LoadSettings(store::Executor& x);
  static core::Result<void> SaveSettings(store::Executor& tx, const ModerationSettings& settings,
                                         int64_t now);

  // Reply emails.
  static core::Result<bool> WantsReplyEmails(store::Executor& x, int64_t user_id);
  static core::Result<void> SetReplyEmails(store::Executor& x, int64_t user_id, bool on);
  static core::Result<std::optional<ReplyToNotify>> ReplyToNotifyFor(store::Executor& x,
                                                                     int64_t reply_id);
};

// A comment brought in from another system (imports), with its original time, inside the
// caller's transaction. Its author is an account here (`user_id`) or, unset, a name only
// (`former_author`). No rule is checked here: the importer cleans the text first.
struct ImportedComment {
  int64_t article_id = 0;
  std::optional<int64_t> user_id;
  std::optional<int64_t> parent_id;
  std::optional<int64_t> thread_id;
  std::string body;
  Status status = Status::kApproved;
  int64_t created_at = 0;
  std::string former_author;
};
core::Result<int64_t> ImportComment(store::Executor& tx, const ImportedComment& comment);

}  // namespace dateline::comments
