#include "comments/comment_rows.hpp"

#include "comments/comment_service.hpp"

namespace dateline::comments::rows {

const std::string_view kCommentColumns =
    "SELECT c.id, c.article_id, COALESCE(c.user_id, 0), COALESCE(c.parent_id, 0), "
    "COALESCE(c.thread_id, 0), COALESCE(u.display_name, ''), COALESCE(pu.display_name, ''), "
    "c.body, c.status, c.held_reason, c.featured, c.recommendations, c.created_at, c.edited_at, "
    "COALESCE(u.role, 'reader') ";
const std::string_view kCommentJoins =
    "FROM comments c LEFT JOIN users u ON u.id = c.user_id "
    "LEFT JOIN comments p ON p.id = c.parent_id LEFT JOIN users pu ON pu.id = p.user_id ";

const std::string& SelectComments() {
  static const std::string sql = std::string(kCommentColumns) + std::string(kCommentJoins);
  return sql;
}

Comment FromRow(const store::Row& r) {
  Comment c;
  c.id = r.Int(0);
  c.article_id = r.Int(1);
  c.user_id = r.Int(2);
  c.parent_id = r.Int(3);
  c.thread_id = r.Int(4);
  c.author = c.user_id == 0 ? "Former reader" : r.Text(5);
  // Only a reply to a reply names whom it answers; a reply to the thread's top is plain.
  if (c.parent_id != 0 && c.parent_id != c.thread_id) c.parent_author = r.Text(6);
  c.body = r.Text(7);
  c.status = ParseStatus(r.Text(8)).value_or(Status::kPending);
  c.held_reason = r.Text(9);
  c.featured = r.Int(10) != 0;
  c.recommendations = r.Int(11);
  c.created_at = r.Int(12);
  c.edited_at = r.Int(13);
  // The badge, not the name, tells readers who speaks for the paper: any reader may call
  // themselves "Editor", nobody but staff gets the badge.
  c.by_staff = r.Text(14) != "reader";
  return c;
}

core::Result<std::vector<Comment>> ToComments(core::Result<store::Rows> rows) {
  if (!rows.ok()) return rows.error();
  std::vector<Comment> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

core::Result<void> NotifyApproved(store::Executor& tx, int64_t comment_id) {
  return tx.Notify(kApprovedChannel, std::to_string(comment_id));
}

core::Result<void> NotifyChanged(store::Executor& tx, int64_t article_id) {
  return tx.Notify(kChangedChannel, std::to_string(article_id));
}

core::Result<void> ResolveFlags(store::Executor& tx, int64_t comment_id, int64_t now) {
  auto r = tx.Execute("UPDATE comment_flags SET resolved_at = ? WHERE comment_id = ?",
                      {now, comment_id});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<int64_t> MarkRejected(store::Executor& tx, int64_t comment_id) {
  return tx.Execute(
      "UPDATE comments SET status = 'rejected', featured = 0 WHERE id = ? AND status <> "
      "'deleted'",
      {comment_id});
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

}  // namespace dateline::comments::rows
