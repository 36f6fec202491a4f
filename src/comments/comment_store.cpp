#include "comments/comment_store.hpp"

#include "comments/comment_service.hpp"

namespace dateline::comments {
namespace {

// The columns FromRow reads, in order. The parent is joined for whose comment it answers;
// names come from accounts, not from here.
constexpr std::string_view kColumns =
    "c.id, c.article_id, COALESCE(c.user_id, 0), COALESCE(c.parent_id, 0), "
    "COALESCE(c.thread_id, 0), COALESCE(p.user_id, 0), c.body, c.status, c.held_reason, "
    "c.featured, c.recommendations, c.created_at, c.edited_at, c.former_author";
constexpr std::string_view kFrom = " FROM comments c LEFT JOIN comments p ON p.id = c.parent_id ";

std::string Select() { return "SELECT " + std::string(kColumns) + std::string(kFrom); }

Comment FromRow(const store::Row& r) {
  Comment c;
  c.id = r.Int(0);
  c.article_id = r.Int(1);
  c.user_id = r.Int(2);
  c.parent_id = r.Int(3);
  c.thread_id = r.Int(4);
  c.parent_user_id = r.Int(5);
  c.body = r.Text(6);
  c.status = ParseStatus(r.Text(7)).value_or(Status::kPending);
  c.held_reason = r.Text(8);
  c.featured = r.Int(9) != 0;
  c.recommendations = r.Int(10);
  c.created_at = r.Int(11);
  c.edited_at = r.Int(12);
  c.former_author = r.Text(13);
  return c;
}

core::Result<std::vector<Comment>> ToComments(core::Result<store::Rows> rows) {
  if (!rows.ok()) return rows.error();
  std::vector<Comment> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

core::Result<std::optional<Comment>> First(core::Result<store::Rows> rows) {
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Comment>();
  return std::optional<Comment>(FromRow(rows->front()));
}

store::Params Ids(const std::vector<int64_t>& ids) { return store::Params(ids.begin(), ids.end()); }

std::string In(size_t n) { return "(" + store::Placeholders(n) + ")"; }

core::Result<std::set<int64_t>> MarkedBy(store::Executor& x, std::string_view table,
                                         int64_t user_id, const std::vector<int64_t>& ids) {
  std::set<int64_t> out;
  if (user_id == 0 || ids.empty()) return out;
  store::Params params{user_id};
  for (int64_t id : ids) params.push_back(id);
  auto rows = x.Query("SELECT comment_id FROM " + std::string(table) +
                          " WHERE user_id = ? AND comment_id IN " + In(ids.size()),
                      params);
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) out.insert(r.Int(0));
  return out;
}

// Replies of these threads that this viewer is shown.
std::string RepliesShown(size_t threads) {
  return "c.thread_id IN " + In(threads) +
         " AND (c.status IN ('approved', 'deleted') OR (c.status = 'pending' AND c.user_id = ?)) ";
}

const char* PreModerationName(PreModeration p) {
  return p == PreModeration::kAll ? "all" : p == PreModeration::kFirstComments ? "first" : "off";
}

}  // namespace

core::Result<std::optional<Comment>> CommentStore::Find(store::Executor& x, int64_t id) {
  return First(x.Query(Select() + "WHERE c.id = ?", {id}));
}

core::Result<std::optional<Comment>> CommentStore::FindByKey(store::Executor& x, int64_t user_id,
                                                             std::string_view key) {
  return First(x.Query(Select() + "WHERE c.user_id = ? AND c.idempotency_key = ?",
                       {user_id, std::string(key)}));
}

core::Result<std::optional<int64_t>> CommentStore::Insert(store::Executor& tx,
                                                          const CommentRow& row) {
  auto optional = [](int64_t v) { return v ? store::Value(v) : store::Value(); };
  store::Value key =
      row.idempotency_key.empty() ? store::Value() : store::Value(row.idempotency_key);
  auto inserted = tx.Write(
      "INSERT INTO comments (article_id, user_id, parent_id, thread_id, body, status, "
      "held_reason, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id",
      {row.article_id, row.user_id, optional(row.parent_id), optional(row.thread_id), row.body,
       std::string(StatusName(row.status)), row.held_reason, key, row.created_at});
  if (!inserted.ok()) return inserted.error();
  if (inserted->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(inserted->front().Int(0));
}

core::Result<void> CommentStore::SetBody(store::Executor& tx, int64_t id, const std::string& body,
                                         int64_t edited_at, Status status,
                                         const std::string& held_reason) {
  return tx.Run(
      "UPDATE comments SET body = ?, edited_at = ?, status = ?, held_reason = ? WHERE id = ?",
      {body, edited_at, std::string(StatusName(status)), held_reason, id});
}

core::Result<void> CommentStore::MarkDeleted(store::Executor& tx, int64_t id) {
  return tx.Run("UPDATE comments SET status = 'deleted', body = '', featured = 0 WHERE id = ?",
                {id});
}

core::Result<int64_t> CommentStore::MarkRejected(store::Executor& tx, int64_t id) {
  return tx.Execute(
      "UPDATE comments SET status = 'rejected', featured = 0 WHERE id = ? AND status <> "
      "'deleted'",
      {id});
}

core::Result<void> CommentStore::MarkApproved(store::Executor& tx, int64_t id) {
  return tx.Run("UPDATE comments SET status = 'approved', held_reason = '' WHERE id = ?", {id});
}

core::Result<int64_t> CommentStore::SetFeatured(store::Executor& tx, int64_t id, bool featured) {
  return tx.Execute("UPDATE comments SET featured = ? WHERE id = ? AND status = 'approved'",
                    {int64_t{featured ? 1 : 0}, id});
}

core::Result<std::optional<int64_t>> CommentStore::AddVote(store::Executor& tx, int64_t comment_id,
                                                           int64_t user_id, int64_t now) {
  auto voted = tx.Execute(
      "INSERT INTO comment_votes (comment_id, user_id, created_at) VALUES (?, ?, ?) "
      "ON CONFLICT (comment_id, user_id) DO NOTHING",
      {comment_id, user_id, now});
  if (!voted.ok()) return voted.error();
  if (*voted == 0) return std::optional<int64_t>();
  auto updated = tx.WriteOne(
      "UPDATE comments SET recommendations = recommendations + 1 WHERE id = ? "
      "RETURNING recommendations",
      {comment_id});
  if (!updated.ok()) return updated.error();
  return std::optional<int64_t>(updated->Int(0));
}

core::Result<void> CommentStore::AddFlag(store::Executor& x, int64_t comment_id, int64_t user_id,
                                         const std::string& reason, int64_t now) {
  return x.Run(
      "INSERT INTO comment_flags (comment_id, user_id, reason, created_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (comment_id, user_id) DO NOTHING",
      {comment_id, user_id, reason, now});
}

core::Result<void> CommentStore::ResolveFlags(store::Executor& tx, int64_t comment_id,
                                              int64_t now) {
  return tx.Run("UPDATE comment_flags SET resolved_at = ? WHERE comment_id = ?", {now, comment_id});
}

core::Result<std::set<int64_t>> CommentStore::VotedBy(store::Executor& x, int64_t user_id,
                                                      const std::vector<int64_t>& comment_ids) {
  return MarkedBy(x, "comment_votes", user_id, comment_ids);
}

core::Result<std::set<int64_t>> CommentStore::FlaggedBy(store::Executor& x, int64_t user_id,
                                                        const std::vector<int64_t>& comment_ids) {
  return MarkedBy(x, "comment_flags", user_id, comment_ids);
}

core::Result<std::map<int64_t, std::vector<std::string>>> CommentStore::OpenFlags(
    store::Executor& x, const std::vector<int64_t>& comment_ids) {
  std::map<int64_t, std::vector<std::string>> out;
  if (comment_ids.empty()) return out;
  auto rows = x.Query(
      "SELECT comment_id, reason FROM comment_flags WHERE resolved_at = 0 AND comment_id IN " +
          In(comment_ids.size()) + " ORDER BY id",
      Ids(comment_ids));
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) out[r.Int(0)].push_back(r.Text(1));
  return out;
}

core::Result<std::vector<Comment>> CommentStore::ThreadStarts(
    store::Executor& x, int64_t article_id, int64_t viewer_id, Sort sort,
    const std::optional<ThreadCursor>& after, int limit) {
  std::string sql = Select() +
                    "WHERE c.article_id = ? AND c.parent_id IS NULL AND (c.status = 'approved' OR "
                    "(c.status = 'pending' AND c.user_id = ?) OR (c.status IN ('deleted', "
                    "'rejected') AND EXISTS (SELECT 1 FROM comments r WHERE r.thread_id = c.id "
                    "AND r.status = 'approved'))) ";
  store::Params params = {article_id, viewer_id};
  // The ORDER BY names the index's leading columns (constant here) so that PostgreSQL
  // walks the index in order and stops after a page, instead of sorting every comment of
  // the article; each cursor is a condition the index can seek to, for the same reason.
  switch (sort) {
    case Sort::kNewest:
      if (after) {
        sql += "AND c.id < ? ";
        params.push_back(after->id);
      }
      sql += "ORDER BY c.article_id DESC, c.parent_id DESC, c.id DESC ";
      break;
    case Sort::kOldest:
      if (after) {
        sql += "AND c.id > ? ";
        params.push_back(after->id);
      }
      sql += "ORDER BY c.article_id, c.parent_id, c.id ";
      break;
    case Sort::kRecommended: {
      constexpr std::string_view kOrder =
          "ORDER BY c.article_id DESC, c.parent_id DESC, c.recommendations DESC, c.id DESC ";
      if (!after) {
        sql += kOrder;
        break;
      }
      // After a cursor, in two steps that each seek in the index: the rest of the cursor's
      // own recommendation count, then the counts below it. One row-value comparison,
      // (recommendations, id) < (?, ?), reads to SQLite as "recommendations <= ?" and walks
      // every comment with that count above the cursor: most have none, so a page deep in
      // a busy conversation read thousands of rows.
      auto same = ToComments(
          x.Query(sql + "AND c.recommendations = ? AND c.id < ? " + std::string(kOrder) + "LIMIT ?",
                  {article_id, viewer_id, after->recommendations, after->id, int64_t{limit}}));
      if (!same.ok() || static_cast<int>(same->size()) >= limit) return same;
      auto fewer =
          ToComments(x.Query(sql + "AND c.recommendations < ? " + std::string(kOrder) + "LIMIT ?",
                             {article_id, viewer_id, after->recommendations,
                              int64_t{limit - static_cast<int>(same->size())}}));
      if (!fewer.ok()) return fewer;
      for (auto& c : *fewer) same->push_back(std::move(c));
      return same;
    }
  }
  sql += "LIMIT ?";
  params.push_back(int64_t{limit});
  return ToComments(x.Query(sql, params));
}

core::Result<std::vector<Comment>> CommentStore::FirstReplies(
    store::Executor& x, const std::vector<int64_t>& thread_ids, int64_t viewer_id, int per_thread) {
  if (thread_ids.empty()) return std::vector<Comment>();
  store::Params params = Ids(thread_ids);
  params.push_back(viewer_id);
  params.push_back(int64_t{per_thread});
  // A window per thread: the first replies of each, in one statement.
  return ToComments(
      x.Query("SELECT * FROM (SELECT " + std::string(kColumns) +
                  ", ROW_NUMBER() OVER (PARTITION BY c.thread_id ORDER BY c.id) AS reply_number" +
                  std::string(kFrom) + "WHERE " + RepliesShown(thread_ids.size()) +
                  ") shown WHERE shown.reply_number <= ? ORDER BY shown.id",
              params));
}

core::Result<std::map<int64_t, int64_t>> CommentStore::ReplyCounts(
    store::Executor& x, const std::vector<int64_t>& thread_ids, int64_t viewer_id) {
  std::map<int64_t, int64_t> out;
  if (thread_ids.empty()) return out;
  store::Params params = Ids(thread_ids);
  params.push_back(viewer_id);
  auto rows = x.Query("SELECT c.thread_id, COUNT(*) FROM comments c WHERE " +
                          RepliesShown(thread_ids.size()) + "GROUP BY c.thread_id",
                      params);
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) out[r.Int(0)] = r.Int(1);
  return out;
}

core::Result<std::vector<Comment>> CommentStore::ThreadReplies(store::Executor& x,
                                                               int64_t thread_id, int64_t viewer_id,
                                                               int limit) {
  return ToComments(x.Query(Select() + "WHERE " + RepliesShown(1) + "ORDER BY c.id LIMIT ?",
                            {thread_id, viewer_id, int64_t{limit}}));
}

core::Result<std::vector<Comment>> CommentStore::Featured(store::Executor& x, int64_t article_id,
                                                          int limit) {
  return ToComments(x.Query(Select() + "WHERE c.article_id = ? AND c.featured = 1 AND "
                                       "c.status = 'approved' ORDER BY c.id DESC LIMIT ?",
                            {article_id, int64_t{limit}}));
}

core::Result<std::vector<Comment>> CommentStore::ApprovedSince(store::Executor& x,
                                                               int64_t article_id, int64_t after_id,
                                                               int limit) {
  return ToComments(x.Query(Select() +
                                "WHERE c.article_id = ? AND c.id > ? AND c.status = 'approved' "
                                "ORDER BY c.id LIMIT ?",
                            {article_id, after_id, int64_t{limit}}));
}

core::Result<int64_t> CommentStore::ApprovedCount(store::Executor& x, int64_t article_id) {
  // Kept by triggers (schema.cpp, migration 34): one row, however many comments.
  auto rows = x.Query("SELECT approved FROM comment_counts WHERE article_id = ?", {article_id});
  if (!rows.ok()) return rows.error();
  return rows->empty() ? 0 : rows->front().Int(0);
}

core::Result<std::map<int64_t, int64_t>> CommentStore::ApprovedCounts(
    store::Executor& x, const std::vector<int64_t>& article_ids) {
  std::map<int64_t, int64_t> out;
  if (article_ids.empty()) return out;
  // Kept by triggers (schema.cpp, migration 34): read by key, not counted.
  auto rows = x.Query("SELECT article_id, approved FROM comment_counts WHERE article_id IN " +
                          In(article_ids.size()) + " AND approved > 0",
                      Ids(article_ids));
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) out[r.Int(0)] = r.Int(1);
  return out;
}

core::Result<std::vector<Comment>> CommentStore::Queue(store::Executor& x, int limit) {
  return ToComments(x.Query(Select() +
                                "WHERE c.status = 'pending' OR (c.status = 'approved' AND EXISTS "
                                "(SELECT 1 FROM comment_flags f WHERE f.comment_id = c.id AND "
                                "f.resolved_at = 0)) ORDER BY c.id LIMIT ?",
                            {int64_t{limit}}));
}

core::Result<int64_t> CommentStore::QueueSize(store::Executor& x) {
  auto row = x.QueryOne(
      "SELECT COUNT(*) FROM comments c WHERE c.status = 'pending' OR (c.status = 'approved' AND "
      "EXISTS (SELECT 1 FROM comment_flags f WHERE f.comment_id = c.id AND f.resolved_at = 0))");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<int64_t> CommentStore::ApprovedBy(store::Executor& x, int64_t user_id) {
  auto rows = x.Query("SELECT approved_count FROM commenters WHERE user_id = ?", {user_id});
  if (!rows.ok()) return rows.error();
  return rows->empty() ? 0 : rows->front().Int(0);
}

core::Result<void> CommentStore::CountApproved(store::Executor& tx, int64_t user_id) {
  return tx.Run(
      "INSERT INTO commenters (user_id, approved_count) VALUES (?, 1) ON CONFLICT (user_id) "
      "DO UPDATE SET approved_count = commenters.approved_count + 1",
      {user_id});
}

core::Result<int64_t> CommentStore::SuspendedUntil(store::Executor& x, int64_t user_id) {
  auto rows = x.Query("SELECT suspended_until FROM commenters WHERE user_id = ?", {user_id});
  if (!rows.ok()) return rows.error();
  return rows->empty() ? 0 : rows->front().Int(0);
}

core::Result<std::map<int64_t, int64_t>> CommentStore::SuspendedUntil(
    store::Executor& x, const std::vector<int64_t>& user_ids, int64_t now) {
  std::map<int64_t, int64_t> out;
  if (user_ids.empty()) return out;
  store::Params params{now};
  for (int64_t id : user_ids) params.push_back(id);
  auto rows = x.Query(
      "SELECT user_id, suspended_until FROM commenters WHERE suspended_until > ? AND user_id IN " +
          In(user_ids.size()),
      params);
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) out[r.Int(0)] = r.Int(1);
  return out;
}

core::Result<void> CommentStore::Suspend(store::Executor& tx, const SuspensionRow& s) {
  return tx.Run(
      "INSERT INTO commenters (user_id, suspended_until, suspended_by, suspended_at, "
      "suspension_reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
      "suspended_until = excluded.suspended_until, suspended_by = excluded.suspended_by, "
      "suspended_at = excluded.suspended_at, suspension_reason = excluded.suspension_reason",
      {s.user_id, s.until, s.by_user_id, s.at, s.reason});
}

core::Result<std::vector<SuspensionRow>> CommentStore::Suspensions(store::Executor& x, int64_t now,
                                                                   int64_t after_user_id,
                                                                   int limit) {
  auto rows = x.Query(
      "SELECT user_id, suspended_until, COALESCE(suspended_by, 0), COALESCE(suspended_at, 0), "
      "suspension_reason FROM commenters WHERE suspended_until > ? AND user_id > ? "
      "ORDER BY user_id LIMIT ?",
      {now, after_user_id, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<SuspensionRow> out;
  for (const auto& r : *rows) out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Text(4)});
  return out;
}

core::Result<int64_t> CommentStore::Lift(store::Executor& x, int64_t user_id, int64_t now) {
  return x.Execute(
      "UPDATE commenters SET suspended_until = 0 WHERE user_id = ? AND suspended_until > ?",
      {user_id, now});
}

core::Result<bool> CommentStore::IsClosed(store::Executor& x, int64_t article_id) {
  auto rows =
      x.Query("SELECT closed FROM article_comment_settings WHERE article_id = ?", {article_id});
  if (!rows.ok()) return rows.error();
  return !rows->empty() && rows->front().Int(0) != 0;
}

core::Result<void> CommentStore::SetClosed(store::Executor& tx, int64_t article_id, bool closed) {
  return tx.Run(
      "INSERT INTO article_comment_settings (article_id, closed) VALUES (?, ?) "
      "ON CONFLICT (article_id) DO UPDATE SET closed = excluded.closed",
      {article_id, int64_t{closed ? 1 : 0}});
}

core::Result<ModerationSettings> CommentStore::LoadSettings(store::Executor& x) {
  auto row = x.QueryOne(
      "SELECT premoderation, premoderation_first, banned_words, max_links, auto_close_days "
      "FROM comment_settings WHERE id = 1");
  if (!row.ok()) return row.error();
  ModerationSettings s;
  std::string mode = row->Text(0);
  s.premoderation = mode == "all"     ? PreModeration::kAll
                    : mode == "first" ? PreModeration::kFirstComments
                                      : PreModeration::kOff;
  s.premoderation_first = row->Int(1);
  s.banned_words = row->Text(2);
  s.max_links = row->Int(3);
  s.auto_close_days = row->Int(4);
  return s;
}

core::Result<void> CommentStore::SaveSettings(store::Executor& tx, const ModerationSettings& s,
                                              int64_t now) {
  return tx.Run(
      "UPDATE comment_settings SET premoderation = ?, premoderation_first = ?, "
      "banned_words = ?, max_links = ?, auto_close_days = ?, updated_at = ? WHERE id = 1",
      {std::string(PreModerationName(s.premoderation)), s.premoderation_first, s.banned_words,
       s.max_links, s.auto_close_days, now});
}

core::Result<bool> CommentStore::WantsReplyEmails(store::Executor& x, int64_t user_id) {
  auto rows =
      x.Query("SELECT reply_emails FROM comment_notification_prefs WHERE user_id = ?", {user_id});
  if (!rows.ok()) return rows.error();
  return !rows->empty() && rows->front().Int(0) != 0;
}

core::Result<void> CommentStore::SetReplyEmails(store::Executor& x, int64_t user_id, bool on) {
  return x.Run(
      "INSERT INTO comment_notification_prefs (user_id, reply_emails) VALUES (?, ?) "
      "ON CONFLICT (user_id) DO UPDATE SET reply_emails = excluded.reply_emails",
      {user_id, int64_t{on ? 1 : 0}});
}

core::Result<std::optional<ReplyToNotify>> CommentStore::ReplyToNotifyFor(store::Executor& x,
                                                                          int64_t reply_id) {
  auto rows = x.Query(
      "SELECT p.user_id, COALESCE(r.user_id, 0), r.article_id, r.body FROM comments r "
      "JOIN comments p ON p.id = r.parent_id "
      "JOIN comment_notification_prefs n ON n.user_id = p.user_id AND n.reply_emails = 1 "
      "WHERE r.id = ? AND (r.user_id IS NULL OR r.user_id <> p.user_id)",
      {reply_id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<ReplyToNotify>();
  const auto& r = rows->front();
  return std::optional<ReplyToNotify>(ReplyToNotify{r.Int(0), r.Int(1), r.Int(2), r.Text(3)});
}

core::Result<int64_t> ImportComment(store::Executor& tx, const ImportedComment& c) {
  auto row = tx.WriteOne(
      "INSERT INTO comments (article_id, user_id, parent_id, thread_id, body, status, "
      "created_at, former_author) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {c.article_id, store::OrNull(c.user_id), store::OrNull(c.parent_id),
       store::OrNull(c.thread_id), c.body, std::string(StatusName(c.status)), c.created_at,
       c.former_author});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

}  // namespace dateline::comments
