#pragma once
// Shared by the comment service's files (comment_service.cpp, comment_moderation.cpp):
// how a comment row is selected and read, and small statement helpers. Not for callers.

#include <string>
#include <string_view>
#include <vector>

#include "comments/comment.hpp"
#include "comments/comment_policy.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::comments::rows {

// SELECT list and joins for a Comment; FromRow reads them in this order.
extern const std::string_view kCommentColumns;
extern const std::string_view kCommentJoins;
inline constexpr size_t kColumnCount = 15;
// kCommentColumns + kCommentJoins: append "WHERE ...".
const std::string& SelectComments();

Comment FromRow(const store::Row& r);
core::Result<std::vector<Comment>> ToComments(core::Result<store::Rows> rows);

// NOTIFY (PostgreSQL) that a comment was approved; delivered at commit. No-op on SQLite.
core::Result<void> NotifyApproved(store::Executor& tx, int64_t comment_id);

// NOTIFY (PostgreSQL) that the comments shown on an article changed, so every node drops
// its cached copies of the article's page. No-op on SQLite.
core::Result<void> NotifyChanged(store::Executor& tx, int64_t article_id);

// Marks a comment's open flags as dealt with.
core::Result<void> ResolveFlags(store::Executor& tx, int64_t comment_id, int64_t now);
// Takes a comment off the page (kept for the record); the rows changed (0: it was deleted).
core::Result<int64_t> MarkRejected(store::Executor& tx, int64_t comment_id);

// "?, ?, ?" for an IN list of n values.
std::string Placeholders(size_t n);

}  // namespace dateline::comments::rows
