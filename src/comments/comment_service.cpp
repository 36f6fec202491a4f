#include "comments/comment_service.hpp"

#include <algorithm>
#include <charconv>
#include <climits>

#include "comments/comment_rows.hpp"
#include "core/text.hpp"
#include "mail/outbox.hpp"
#include "store/content_generation.hpp"

namespace dateline::comments {
namespace {

// A token already used: the same form sent twice gets the comment it made. Anything else
// under that token (another text, another parent) was not posted, and the reader is told
// so rather than shown someone's earlier comment as if it were this one.
core::Result<Comment> SameSubmission(const Comment& earlier, const NewComment& in,
                                     const std::string& body) {
  if (earlier.article_id == in.article_id && earlier.parent_id == in.parent_id &&
      earlier.body == body) {
    return earlier;
  }
  return core::Error::Conflict(
             "This form was already used for another comment, so this one was not posted. Your "
             "text is below: post it again.")
      .ForReaders();
}

using rows::NotifyApproved;
using rows::NotifyChanged;
using rows::Placeholders;
using rows::ToComments;

constexpr ratelimit::Limit kFlagsPerHour{30, 3600};

// "n:123", "o:123", "r:7:123": where the previous page ended, for the given sort.
struct Cursor {
  int64_t recommendations = 0;
  int64_t id = 0;
};
std::optional<Cursor> ParseCursor(std::string_view text, Sort sort) {
  auto number = [](std::string_view s, int64_t& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && out >= 0;
  };
  Cursor c;
  if (sort == Sort::kRecommended) {
    if (text.rfind("r:", 0) != 0) return std::nullopt;
    text.remove_prefix(2);
    size_t colon = text.find(':');
    if (colon == std::string_view::npos || !number(text.substr(0, colon), c.recommendations) ||
        !number(text.substr(colon + 1), c.id))
      return std::nullopt;
    return c;
  }
  const char* prefix = sort == Sort::kOldest ? "o:" : "n:";
  if (text.rfind(prefix, 0) != 0 || !number(text.substr(2), c.id)) return std::nullopt;
  return c;
}

std::string CursorAfter(const Comment& last, Sort sort) {
  switch (sort) {
    case Sort::kRecommended:
      return "r:" + std::to_string(last.recommendations) + ":" + std::to_string(last.id);
    case Sort::kOldest:
      return "o:" + std::to_string(last.id);
    case Sort::kNewest:
      break;
  }
  return "n:" + std::to_string(last.id);
}

bool CleanKey(const std::string& key) {
  if (key.empty() || key.size() > 64) return false;
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Why a comment should wait for a moderator, or empty.
std::string HoldReason(const ModerationSettings& s, const std::string& body, bool staff,
                       int64_t approved_before) {
  if (staff) return "";
  if (s.premoderation == PreModeration::kAll) return "all comments are reviewed";
  if (s.premoderation == PreModeration::kFirstComments && approved_before < s.premoderation_first)
    return "a new commenter's first comments are reviewed";
  std::string lower = core::AsciiLower(body);
  size_t start = 0;
  while (start < s.banned_words.size()) {
    size_t end = s.banned_words.find('\n', start);
    std::string word = core::AsciiLower(
        core::Trim(std::string_view(s.banned_words)
                       .substr(start, end == std::string::npos ? std::string::npos : end - start)));
    if (!word.empty() && lower.find(word) != std::string::npos) return "contains a banned word";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (CountLinks(body) > s.max_links) return "too many links";
  return "";
}

}  // namespace

core::Result<Commenter> CommentService::CommenterFor(int64_t user_id, bool verified, bool staff,
                                                     bool moderator, bool digital_access,
                                                     int rank) {
  Commenter c{user_id, verified, staff, moderator, digital_access, 0, rank};
  if (user_id == 0) return c;
  auto rows = db_.Query("SELECT suspended_until FROM commenters WHERE user_id = ?", {user_id});
  if (!rows.ok()) return rows.error();
  if (!rows->empty()) c.suspended_until = rows->front().Int(0);
  return c;
}

core::Result<Commenter> CommentService::CommenterFor(const accounts::Actor& actor) {
  if (!actor.signed_in()) return Commenter{};
  using accounts::Capability;
  return CommenterFor(actor.user_id(), actor.user->verified,
                      actor.Can(Capability::kCommentWithoutSubscription),
                      actor.Can(Capability::kModerateComments), actor.digital_access, actor.rank);
}

core::Result<bool> CommentService::IsOpen(int64_t article_id, int64_t published_at) {
  auto closed =
      db_.Query("SELECT closed FROM article_comment_settings WHERE article_id = ?", {article_id});
  if (!closed.ok()) return closed.error();
  if (!closed->empty() && closed->front().Int(0) != 0) return false;
  auto settings = Settings();
  if (!settings.ok()) return settings.error();
  if (settings->auto_close_days > 0 &&
      clock_.NowSeconds() > published_at + settings->auto_close_days * 86400)
    return false;
  return true;
}

core::Result<Comment> CommentService::Existing(int64_t comment_id) {
  auto found = Find(comment_id);
  if (!found.ok()) return found.error();
  if (!*found) return core::Error::NotFound("That comment is no longer there.").ForReaders();
  return std::move(**found);
}

core::Result<void> CommentService::ChangeShown(
    int64_t article_id, const std::function<core::Result<void>(store::Executor&)>& body) {
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(body(tx));
    return NotifyChanged(tx, article_id);
  });
  if (!status.ok()) return status.error();
  Changed(article_id);
  return {};
}

core::Result<std::optional<Comment>> CommentService::Find(int64_t comment_id) {
  auto found = ToComments(db_.Query(rows::SelectComments() + "WHERE c.id = ?", {comment_id}));
  if (!found.ok()) return found.error();
  if (found->empty()) return std::optional<Comment>();
  return std::optional<Comment>(std::move(found->front()));
}

core::Result<Comment> CommentService::Post(const Commenter& who, const NewComment& in) {
  int64_t now = clock_.NowSeconds();
  std::optional<Comment> parent;
  if (in.parent_id != 0) {
    auto found = Existing(in.parent_id);
    if (!found.ok()) return found.error();
    if (found->article_id != in.article_id)
      return core::Error::NotFound("That comment is no longer there.").ForReaders();
    parent = std::move(found.value());
  }
  auto open = IsOpen(in.article_id, in.article_published_at);
  if (!open.ok()) return open.error();
  DL_TRY(Require(parent ? Action::kReply : Action::kPost, who, parent ? &*parent : nullptr, *open,
                 now));
  auto body = CleanCommentText(in.body);
  if (!body.ok()) return body.error();

  // A second submit of the same form: the comment it already made, nothing new.
  bool keyed = CleanKey(in.idempotency_key);
  if (keyed) {
    auto again = ToComments(
        db_.Query(rows::SelectComments() + "WHERE c.user_id = ? AND c.idempotency_key = ?",
                  {who.user_id, in.idempotency_key}));
    if (!again.ok()) return again.error();
    if (!again->empty()) return SameSubmission(again->front(), in, *body);
  }
  std::string bucket = "comment-user:" + std::to_string(who.user_id);
  for (const auto& limit : {per_minute_, per_hour_}) {
    auto ok = limiter_.Hit(bucket + ":" + std::to_string(limit.window_seconds), limit);
    if (!ok.ok()) return ok.error();
    if (!*ok)
      return core::Error::RateLimited("too many comments")
          .WithReader("You are commenting faster than we allow. Wait a minute, then try again.");
  }
  auto settings = Settings();
  if (!settings.ok()) return settings.error();

  int64_t id = 0;
  bool approved = false;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto count = tx.Query("SELECT approved_count FROM commenters WHERE user_id = ?", {who.user_id});
    if (!count.ok()) return count.error();
    int64_t approved_before = count->empty() ? 0 : count->front().Int(0);
    std::string held = HoldReason(*settings, *body, who.staff, approved_before);
    Status initial = held.empty() ? Status::kApproved : Status::kPending;
    store::Value thread =
        parent ? store::Value(parent->thread_id ? parent->thread_id : parent->id) : store::Value();
    store::Value parent_id = parent ? store::Value(parent->id) : store::Value();
    store::Value key = keyed ? store::Value(in.idempotency_key) : store::Value();
    auto inserted = tx.Write(
        "INSERT INTO comments (article_id, user_id, parent_id, thread_id, body, status, "
        "held_reason, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id",
        {in.article_id, who.user_id, parent_id, thread, *body, std::string(StatusName(initial)),
         held, key, now});
    if (!inserted.ok()) return inserted.error();
    if (inserted->empty()) return {};  // the same form, submitted at the same moment
    id = inserted->front().Int(0);
    if (initial == Status::kApproved) {
      DL_TRY(tx.Execute(
          "INSERT INTO commenters (user_id, approved_count) VALUES (?, 1) ON CONFLICT (user_id) "
          "DO UPDATE SET approved_count = commenters.approved_count + 1",
          {who.user_id}));
      DL_TRY(NotifyApproved(tx, id));
      if (parent) DL_TRY(QueueReplyNotice(tx, id, now));
      DL_TRY(NotifyChanged(tx, in.article_id));
      approved = true;
    }
    return {};
  });
  if (!status.ok()) return status.error();
  if (approved) {
    Changed(in.article_id);
    Announce(id);
  }
  if (id == 0) {
    auto again = ToComments(
        db_.Query(rows::SelectComments() + "WHERE c.user_id = ? AND c.idempotency_key = ?",
                  {who.user_id, in.idempotency_key}));
    if (!again.ok()) return again.error();
    if (again->empty()) return core::Error::Internal("comment vanished after a duplicate submit");
    return SameSubmission(again->front(), in, *body);
  }
  auto saved = Find(id);
  if (!saved.ok()) return saved.error();
  return **saved;
}

core::Result<Comment> CommentService::Edit(const Commenter& who, int64_t comment_id,
                                           std::string_view text) {
  auto found = Existing(comment_id);
  if (!found.ok()) return found.error();
  int64_t now = clock_.NowSeconds();
  DL_TRY(Require(Action::kEdit, who, &*found, true, now));
  auto body = CleanCommentText(text);
  if (!body.ok()) return body.error();
  auto settings = Settings();
  if (!settings.ok()) return settings.error();
  // An edit is checked like a new comment (a clean comment cannot turn into spam unseen),
  // except for the first-comments rule, which this commenter has already met or not.
  ModerationSettings edit_rules = *settings;
  if (edit_rules.premoderation == PreModeration::kFirstComments)
    edit_rules.premoderation = PreModeration::kOff;
  std::string held = HoldReason(edit_rules, *body, who.staff, INT64_MAX);
  Status next =
      found->status == Status::kPending || !held.empty() ? Status::kPending : Status::kApproved;
  if (held.empty()) held = found->held_reason;
  auto status = ChangeShown(found->article_id, [&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(tx.Execute(
        "UPDATE comments SET body = ?, edited_at = ?, status = ?, held_reason = ? WHERE id = ?",
        {*body, now, std::string(StatusName(next)), held, comment_id}));
    return {};
  });
  if (!status.ok()) return status.error();
  auto saved = Find(comment_id);
  if (!saved.ok()) return saved.error();
  return **saved;
}

core::Result<void> CommentService::Delete(const Commenter& who, int64_t comment_id) {
  auto found = Existing(comment_id);
  if (!found.ok()) return found.error();
  DL_TRY(Require(Action::kDelete, who, &*found, true, clock_.NowSeconds()));
  // A tombstone: the text goes, the row stays so replies keep their thread.
  return ChangeShown(found->article_id, [&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(
        tx.Execute("UPDATE comments SET status = 'deleted', body = '', featured = 0 WHERE id = ?",
                   {comment_id}));
    return rows::ResolveFlags(tx, comment_id, clock_.NowSeconds());
  });
}

core::Result<int64_t> CommentService::Recommend(const Commenter& who, int64_t comment_id) {
  auto found = Existing(comment_id);
  if (!found.ok()) return found.error();
  int64_t now = clock_.NowSeconds();
  DL_TRY(Require(Action::kRecommend, who, &*found, true, now));
  int64_t count = found->recommendations;
  bool voted_now = false;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto voted = tx.Execute(
        "INSERT INTO comment_votes (comment_id, user_id, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT (comment_id, user_id) DO NOTHING",
        {comment_id, who.user_id, now});
    if (!voted.ok()) return voted.error();
    if (*voted == 0) return {};  // once per reader
    auto updated = tx.WriteOne(
        "UPDATE comments SET recommendations = recommendations + 1 WHERE id = ? "
        "RETURNING recommendations",
        {comment_id});
    if (!updated.ok()) return updated.error();
    count = updated->Int(0);
    voted_now = true;
    return NotifyChanged(tx, found->article_id);
  });
  if (!status.ok()) return status.error();
  if (voted_now) Changed(found->article_id);
  return count;
}

core::Result<CommentService::ReaderMarks> CommentService::MarksBy(
    int64_t user_id, const std::vector<int64_t>& comment_ids) {
  ReaderMarks marks;
  if (user_id == 0 || comment_ids.empty()) return marks;
  store::Params params{user_id};
  for (int64_t id : comment_ids) params.push_back(id);
  std::string in = "(" + rows::Placeholders(comment_ids.size()) + ")";
  auto voted = db_.Query(
      "SELECT comment_id FROM comment_votes WHERE user_id = ? AND comment_id IN " + in, params);
  if (!voted.ok()) return voted.error();
  for (const auto& r : *voted) marks.recommended.insert(r.Int(0));
  auto flagged = db_.Query(
      "SELECT comment_id FROM comment_flags WHERE user_id = ? AND comment_id IN " + in, params);
  if (!flagged.ok()) return flagged.error();
  for (const auto& r : *flagged) marks.flagged.insert(r.Int(0));
  return marks;
}

core::Result<void> CommentService::Flag(const Commenter& who, int64_t comment_id,
                                        std::string_view reason) {
  auto found = Existing(comment_id);
  if (!found.ok()) return found.error();
  DL_TRY(Require(Action::kFlag, who, &*found, true, clock_.NowSeconds()));
  if (!core::IsValidUtf8(reason))
    return core::Error::InvalidArgument("The reason could not be read.").ForReaders();
  std::string why(core::Trim(reason));
  if (why.empty())
    return core::Error::InvalidArgument("Say what is wrong with the comment.").ForReaders();
  if (core::CodePointCount(why) > 500)
    return core::Error::InvalidArgument("Keep the reason to 500 characters.").ForReaders();
  auto ok = limiter_.Hit("comment-flag:" + std::to_string(who.user_id), kFlagsPerHour);
  if (!ok.ok()) return ok.error();
  if (!*ok)
    return core::Error::RateLimited("too many flags")
        .WithReader("You are flagging faster than we allow. Wait a minute, then try again.");
  auto r = db_.Execute(
      "INSERT INTO comment_flags (comment_id, user_id, reason, created_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (comment_id, user_id) DO NOTHING",
      {comment_id, who.user_id, why, clock_.NowSeconds()});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<ThreadPage> CommentService::Threads(int64_t article_id, Sort sort,
                                                 std::string_view cursor_text, int threads_per_page,
                                                 int64_t viewer_id) {
  ThreadPage page;
  auto cursor = ParseCursor(cursor_text, sort);
  // What a reader sees: approved comments, tombstones (deleted or removed comments) that
  // still hold replies, and their own comments awaiting review.
  const std::string visible =
      "(c.status = 'approved' OR (c.status = 'pending' AND c.user_id = ?) OR "
      "(c.status IN ('deleted', 'rejected') AND EXISTS (SELECT 1 FROM comments r WHERE "
      "r.thread_id = c.id AND r.status = 'approved'))) ";
  std::string sql =
      rows::SelectComments() + "WHERE c.article_id = ? AND c.parent_id IS NULL AND " + visible;
  store::Params params = {article_id, viewer_id};
  // The ORDER BY names the index's leading columns (constant here) so that PostgreSQL
  // walks the index in order and stops after a page, instead of sorting every comment of
  // the article; the cursor is a row value for the same reason.
  switch (sort) {
    case Sort::kNewest:
      if (cursor) {
        sql += "AND c.id < ? ";
        params.push_back(cursor->id);
      }
      sql += "ORDER BY c.article_id DESC, c.parent_id DESC, c.id DESC ";
      break;
    case Sort::kOldest:
      if (cursor) {
        sql += "AND c.id > ? ";
        params.push_back(cursor->id);
      }
      sql += "ORDER BY c.article_id, c.parent_id, c.id ";
      break;
    case Sort::kRecommended:
      if (cursor) {
        sql += "AND (c.recommendations, c.id) < (?, ?) ";
        params.push_back(cursor->recommendations);
        params.push_back(cursor->id);
      }
      sql += "ORDER BY c.article_id DESC, c.parent_id DESC, c.recommendations DESC, c.id DESC ";
      break;
  }
  sql += "LIMIT ?";
  params.push_back(int64_t{threads_per_page + 1});
  auto tops = ToComments(db_.Query(sql, params));
  if (!tops.ok()) return tops.error();
  if (static_cast<int>(tops->size()) > threads_per_page) {
    tops->resize(threads_per_page);
    page.next_cursor = CursorAfter(tops->back(), sort);
  }
  if (!tops->empty()) {
    store::Params ids;
    for (const auto& t : *tops) ids.push_back(t.id);
    ids.push_back(viewer_id);
    const std::string in_threads = "c.thread_id IN (" + Placeholders(tops->size()) +
                                   ") AND (c.status IN ('approved', 'deleted') OR "
                                   "(c.status = 'pending' AND c.user_id = ?)) ";
    // The first replies of each thread (a window per thread), and how many there are.
    store::Params shown_params = ids;
    shown_params.push_back(int64_t{kRepliesPerThread});
    auto replies = ToComments(db_.Query(
        "SELECT * FROM (" + std::string(rows::kCommentColumns) +
            ", ROW_NUMBER() OVER (PARTITION BY c.thread_id ORDER BY c.id) AS reply_number " +
            std::string(rows::kCommentJoins) + "WHERE " + in_threads +
            ") shown WHERE shown.reply_number <= ? ORDER BY shown.id",
        shown_params));
    if (!replies.ok()) return replies.error();
    auto counts = db_.Query(
        "SELECT c.thread_id, COUNT(*) FROM comments c WHERE " + in_threads + "GROUP BY c.thread_id",
        ids);
    if (!counts.ok()) return counts.error();
    std::map<int64_t, size_t> index;
    for (auto& t : *tops) {
      index[t.id] = page.threads.size();
      page.threads.push_back({std::move(t), {}, 0});
    }
    for (auto& r : *replies) page.threads[index[r.thread_id]].replies.push_back(std::move(r));
    for (const auto& c : *counts) {
      Thread& t = page.threads[index[c.Int(0)]];
      t.more_replies = c.Int(1) - static_cast<int64_t>(t.replies.size());
    }
  }
  if (cursor_text.empty()) {
    auto featured = ToComments(db_.Query(rows::SelectComments() +
                                             "WHERE c.article_id = ? AND c.featured = 1 AND "
                                             "c.status = 'approved' ORDER BY c.id DESC LIMIT 5",
                                         {article_id}));
    if (!featured.ok()) return featured.error();
    page.featured = std::move(featured.value());
  }
  auto counted = db_.QueryOne(
      "SELECT COUNT(*) FROM comments WHERE article_id = ? AND status = 'approved'", {article_id});
  if (!counted.ok()) return counted.error();
  page.approved_count = counted->Int(0);
  return page;
}

core::Result<std::optional<Thread>> CommentService::FullThread(int64_t article_id,
                                                               int64_t thread_id, int64_t viewer_id,
                                                               int limit) {
  auto top = Find(thread_id);
  if (!top.ok()) return top.error();
  bool shown = *top && (*top)->article_id == article_id && (*top)->parent_id == 0 &&
               ((*top)->status != Status::kPending || (*top)->user_id == viewer_id) &&
               (*top)->status != Status::kRejected && (*top)->status != Status::kDeleted;
  // A deleted or removed thread start still holds its replies' place.
  bool tombstone = *top && (*top)->article_id == article_id && (*top)->parent_id == 0 &&
                   ((*top)->status == Status::kDeleted || (*top)->status == Status::kRejected);
  if (!shown && !tombstone) return std::optional<Thread>();
  auto replies = ToComments(db_.Query(
      rows::SelectComments() + "WHERE c.thread_id = ? AND (c.status IN ('approved', 'deleted') OR "
                               "(c.status = 'pending' AND c.user_id = ?)) ORDER BY c.id LIMIT ?",
      {thread_id, viewer_id, int64_t{limit}}));
  if (!replies.ok()) return replies.error();
  if (tombstone && replies->empty()) return std::optional<Thread>();
  return std::optional<Thread>(Thread{std::move(**top), std::move(replies.value()), 0});
}

core::Result<std::map<int64_t, int64_t>> CommentService::ApprovedCounts(
    const std::vector<int64_t>& article_ids) {
  std::map<int64_t, int64_t> out;
  if (article_ids.empty()) return out;
  store::Params ids(article_ids.begin(), article_ids.end());
  auto rows =
      db_.Query("SELECT article_id, COUNT(*) FROM comments WHERE article_id IN (" +
                    Placeholders(ids.size()) + ") AND status = 'approved' GROUP BY article_id",
                ids);
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) out[r.Int(0)] = r.Int(1);
  return out;
}

core::Result<void> CommentService::QueueReplyNotice(store::Executor& tx, int64_t reply_id,
                                                    int64_t now) {
  if (!reply_mailer_) return {};
  // The parent's author, if they asked for these emails, can receive mail, and is not
  // the one replying.
  auto rows = tx.Query(
      "SELECT u.id, u.email, u.display_name, a.headline, a.slug, COALESCE(ru.display_name, ''), "
      "r.body FROM comments r JOIN comments p ON p.id = r.parent_id "
      "JOIN users u ON u.id = p.user_id "
      "JOIN comment_notification_prefs n ON n.user_id = u.id AND n.reply_emails = 1 "
      "JOIN articles a ON a.id = r.article_id LEFT JOIN users ru ON ru.id = r.user_id "
      "WHERE r.id = ? AND u.email_verified_at IS NOT NULL AND u.disabled_at IS NULL AND "
      "(r.user_id IS NULL OR r.user_id <> u.id)",
      {reply_id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return {};
  const auto& r = rows->front();
  ReplyNotice notice{r.Int(0),  r.Text(1), r.Text(2), r.Text(5),
                     r.Text(3), r.Text(4), reply_id,  r.Text(6)};
  return mail::Outbox::Enqueue(tx, reply_mailer_->Reply(notice), now);
}

core::Result<bool> CommentService::ReplyEmails(int64_t user_id) {
  auto rows =
      db_.Query("SELECT reply_emails FROM comment_notification_prefs WHERE user_id = ?", {user_id});
  if (!rows.ok()) return rows.error();
  return !rows->empty() && rows->front().Int(0) != 0;
}

core::Result<void> CommentService::SetReplyEmails(int64_t user_id, bool on) {
  auto r = db_.Execute(
      "INSERT INTO comment_notification_prefs (user_id, reply_emails) VALUES (?, ?) "
      "ON CONFLICT (user_id) DO UPDATE SET reply_emails = excluded.reply_emails",
      {user_id, int64_t{on ? 1 : 0}});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<std::vector<Comment>> CommentService::ApprovedSince(int64_t article_id,
                                                                 int64_t after_id, int limit) {
  return ToComments(db_.Query(rows::SelectComments() +
                                  "WHERE c.article_id = ? AND c.id > ? AND c.status = 'approved' "
                                  "ORDER BY c.id LIMIT ?",
                              {article_id, after_id, int64_t{limit}}));
}

}  // namespace dateline::comments
