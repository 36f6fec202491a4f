// The moderators' side of CommentService: the queue, approve, reject, editors' picks,
// suspensions and bans, closing an article, and the rules for new comments.

#include <climits>

#include "comments/comment_rows.hpp"
#include "comments/comment_service.hpp"
#include "core/text.hpp"
#include "store/content_generation.hpp"

namespace dateline::comments {
namespace {

using rows::FromRow;
using rows::NotifyApproved;
using rows::Placeholders;

const char* PreModerationName(PreModeration p) {
  return p == PreModeration::kAll ? "all" : p == PreModeration::kFirstComments ? "first" : "off";
}

}  // namespace

core::Result<std::vector<QueueItem>> CommentService::Queue(const Commenter& who, int limit) {
  DL_TRY(Require(Action::kModerate, who, nullptr, true, clock_.NowSeconds()));
  auto rows =
      db_.Query(std::string(rows::kCommentColumns) + ", a.slug, a.headline " +
                    std::string(rows::kCommentJoins) +
                    "JOIN articles a ON a.id = c.article_id WHERE c.status = 'pending' OR "
                    "(c.status = 'approved' AND EXISTS (SELECT 1 FROM comment_flags f WHERE "
                    "f.comment_id = c.id AND f.resolved_at = 0)) ORDER BY c.id LIMIT ?",
                {int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<QueueItem> out;
  std::map<int64_t, size_t> index;
  store::Params ids;
  for (const auto& r : *rows) {
    QueueItem item{FromRow(r), r.Text(rows::kColumnCount), r.Text(rows::kColumnCount + 1), {}};
    index[item.comment.id] = out.size();
    ids.push_back(item.comment.id);
    out.push_back(std::move(item));
  }
  if (ids.empty()) return out;
  auto flags = db_.Query(
      "SELECT comment_id, reason FROM comment_flags WHERE resolved_at = 0 AND "
      "comment_id IN (" +
          Placeholders(ids.size()) + ") ORDER BY id",
      ids);
  if (!flags.ok()) return flags.error();
  for (const auto& f : *flags) out[index[f.Int(0)]].flags.push_back(f.Text(1));
  return out;
}

core::Result<void> CommentService::Approve(const Commenter& who, int64_t comment_id) {
  DL_TRY(Require(Action::kModerate, who, nullptr, true, clock_.NowSeconds()));
  auto found = Find(comment_id);
  if (!found.ok()) return found.error();
  if (!*found || (*found)->status == Status::kDeleted)
    return core::Error::NotFound("That comment is no longer there.").ForReaders();
  bool newly = (*found)->status != Status::kApproved;
  auto status = ChangeShown((*found)->article_id, [&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(tx.Execute("UPDATE comments SET status = 'approved', held_reason = '' WHERE id = ?",
                      {comment_id}));
    if (newly) {
      DL_TRY(NotifyApproved(tx, comment_id));
      if ((*found)->parent_id != 0) DL_TRY(QueueReplyNotice(tx, comment_id, clock_.NowSeconds()));
    }
    DL_TRY(rows::ResolveFlags(tx, comment_id, clock_.NowSeconds()));
    if (newly && (*found)->user_id != 0) {
      DL_TRY(tx.Execute(
          "INSERT INTO commenters (user_id, approved_count) VALUES (?, 1) ON CONFLICT (user_id) "
          "DO UPDATE SET approved_count = commenters.approved_count + 1",
          {(*found)->user_id}));
    }
    return {};
  });
  if (!status.ok()) return status.error();
  if (newly) Announce(comment_id);
  return {};
}

core::Result<void> CommentService::Reject(const Commenter& who, int64_t comment_id) {
  DL_TRY(Require(Action::kModerate, who, nullptr, true, clock_.NowSeconds()));
  auto found = Existing(comment_id);
  if (!found.ok()) return found.error();
  return ChangeShown(found->article_id, [&](store::Executor& tx) -> core::Result<void> {
    auto changed = rows::MarkRejected(tx, comment_id);
    if (!changed.ok()) return changed.error();
    if (*changed == 0)
      return core::Error::NotFound("That comment is no longer there.").ForReaders();
    return rows::ResolveFlags(tx, comment_id, clock_.NowSeconds());
  });
}

core::Result<void> CommentService::SetFeatured(const Commenter& who, int64_t comment_id,
                                               bool featured) {
  DL_TRY(Require(Action::kModerate, who, nullptr, true, clock_.NowSeconds()));
  auto found = Find(comment_id);
  if (!found.ok()) return found.error();
  if (!*found)
    return core::Error::NotFound("Only a shown comment can be an editors' pick.").ForReaders();
  return ChangeShown((*found)->article_id, [&](store::Executor& tx) -> core::Result<void> {
    auto changed =
        tx.Execute("UPDATE comments SET featured = ? WHERE id = ? AND status = 'approved'",
                   {int64_t{featured ? 1 : 0}, comment_id});
    if (!changed.ok()) return changed.error();
    if (*changed == 0)
      return core::Error::NotFound("Only a shown comment can be an editors' pick.").ForReaders();
    return {};
  });
}

core::Result<void> CommentService::SuspendAuthor(const Commenter& who, int64_t comment_id,
                                                 int64_t until, std::string_view reason) {
  DL_TRY(Require(Action::kModerate, who, nullptr, true, clock_.NowSeconds()));
  auto found = Find(comment_id);
  if (!found.ok()) return found.error();
  if (!*found || (*found)->user_id == 0)
    return core::Error::NotFound("That comment's author is no longer there.").ForReaders();
  if ((*found)->user_id == who.user_id)
    return core::Error::InvalidArgument("You cannot suspend yourself.").ForReaders();
  DL_TRY(OutranksAuthor(who, (*found)->user_id));
  std::string why(core::Trim(reason).substr(0, 300));
  if (why.empty()) why = "Broke the comment rules";
  int64_t now = clock_.NowSeconds();
  return ChangeShown((*found)->article_id, [&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(tx.Execute(
        "INSERT INTO commenters (user_id, suspended_until, suspended_by, suspended_at, "
        "suspension_reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
        "suspended_until = excluded.suspended_until, suspended_by = excluded.suspended_by, "
        "suspended_at = excluded.suspended_at, suspension_reason = excluded.suspension_reason",
        {(*found)->user_id, until, who.user_id, now, why}));
    DL_TRY(rows::MarkRejected(tx, comment_id));
    return rows::ResolveFlags(tx, comment_id, now);
  });
}

core::Result<void> CommentService::OutranksAuthor(const Commenter& who, int64_t user_id) {
  // Nobody suspends, bans or lifts someone of equal or higher role: a moderator cannot
  // shut out an editor or an admin (who would then lose moderation with no way back).
  auto author = users_.FindById(user_id);
  if (!author.ok()) return author.error();
  if (*author && accounts::RoleRank((*author)->user.role) >= who.rank) {
    return core::Error::PermissionDenied(
               "You cannot suspend someone whose role is the same as yours or above it.")
        .ForReaders();
  }
  return {};
}

core::Result<std::vector<Suspension>> CommentService::Suspensions(const Commenter& who,
                                                                  int64_t after_id, int limit) {
  int64_t now = clock_.NowSeconds();
  DL_TRY(Require(Action::kModerate, who, nullptr, true, now));
  auto rows = db_.Query(
      "SELECT c.user_id, COALESCE(u.display_name, ''), c.suspended_until, "
      "COALESCE(m.display_name, ''), COALESCE(c.suspended_at, 0), c.suspension_reason "
      "FROM commenters c LEFT JOIN users u ON u.id = c.user_id "
      "LEFT JOIN users m ON m.id = c.suspended_by "
      "WHERE c.suspended_until > ? AND c.user_id > ? ORDER BY c.user_id LIMIT ?",
      {now, after_id, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<Suspension> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Int(4), r.Text(5)});
  }
  return out;
}

core::Result<std::map<int64_t, int64_t>> CommentService::SuspendedUntil(
    const std::vector<int64_t>& user_ids) {
  std::map<int64_t, int64_t> out;
  if (user_ids.empty()) return out;
  store::Params params;
  params.push_back(clock_.NowSeconds());
  for (int64_t id : user_ids) params.push_back(id);
  auto rows = db_.Query(
      "SELECT user_id, suspended_until FROM commenters WHERE suspended_until > ? AND user_id "
      "IN (" +
          Placeholders(user_ids.size()) + ")",
      params);
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) out[r.Int(0)] = r.Int(1);
  return out;
}

core::Result<void> CommentService::LiftSuspension(const Commenter& who, int64_t user_id) {
  DL_TRY(Require(Action::kModerate, who, nullptr, true, clock_.NowSeconds()));
  DL_TRY(OutranksAuthor(who, user_id));
  auto lifted = db_.Execute(
      "UPDATE commenters SET suspended_until = 0 WHERE user_id = ? AND suspended_until > ?",
      {user_id, clock_.NowSeconds()});
  if (!lifted.ok()) return lifted.error();
  if (*lifted == 0) return core::Error::NotFound("That reader is not suspended.").ForReaders();
  return {};
}

core::Result<void> CommentService::SetClosed(const Commenter& who, int64_t article_id,
                                             bool closed) {
  DL_TRY(Require(Action::kModerate, who, nullptr, true, clock_.NowSeconds()));
  return ChangeShown(article_id, [&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(
        tx.Execute("INSERT INTO article_comment_settings (article_id, closed) VALUES (?, ?) "
                   "ON CONFLICT (article_id) DO UPDATE SET closed = excluded.closed",
                   {article_id, int64_t{closed ? 1 : 0}}));
    return {};
  });
}

core::Result<ModerationSettings> CommentService::Settings() {
  auto row = db_.QueryOne(
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

core::Result<void> CommentService::SaveSettings(const Commenter& who, const ModerationSettings& s) {
  DL_TRY(Require(Action::kModerate, who, nullptr, true, clock_.NowSeconds()));
  if (s.premoderation_first < 1 || s.premoderation_first > 100)
    return core::Error::InvalidArgument("Review between 1 and 100 first comments.").ForReaders();
  if (s.max_links < 0 || s.max_links > 50)
    return core::Error::InvalidArgument("Allow between 0 and 50 links.").ForReaders();
  if (s.auto_close_days < 0 || s.auto_close_days > 3650)
    return core::Error::InvalidArgument("Close comments after 0 (never) to 3,650 days.")
        .ForReaders();
  if (s.banned_words.size() > 20000 || !core::IsValidUtf8(s.banned_words))
    return core::Error::InvalidArgument("Keep the banned words to 20,000 characters of text.")
        .ForReaders();
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(tx.Execute(
        "UPDATE comment_settings SET premoderation = ?, premoderation_first = ?, "
        "banned_words = ?, max_links = ?, auto_close_days = ?, updated_at = ? WHERE id = 1",
        {std::string(PreModerationName(s.premoderation)), s.premoderation_first, s.banned_words,
         s.max_links, s.auto_close_days, clock_.NowSeconds()}));
    return store::BumpContentGeneration(tx);
  });
}

}  // namespace dateline::comments
