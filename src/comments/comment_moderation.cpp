// The moderators' side of CommentService: the queue, approve, reject, editors' picks,
// suspensions and bans, closing an article, and the rules for new comments.

#include <climits>

#include "comments/comment_service.hpp"
#include "comments/comment_store.hpp"
#include "core/text.hpp"
#include "store/content_generation.hpp"

namespace dateline::comments {

core::Result<int64_t> CommentService::QueueSize(const Commenter& who) {
  DL_TRY(Require(Action::kModerate, who, nullptr, true, clock_.NowSeconds()));
  return CommentStore::QueueSize(db_);
}

core::Result<std::vector<QueueItem>> CommentService::Queue(const Commenter& who, int limit) {
  DL_TRY(Require(Action::kModerate, who, nullptr, true, clock_.NowSeconds()));
  auto held = Named(CommentStore::Queue(db_, limit));
  if (!held.ok()) return held.error();
  std::vector<int64_t> ids;
  std::vector<int64_t> article_ids;
  for (const auto& c : *held) {
    ids.push_back(c.id);
    article_ids.push_back(c.article_id);
  }
  auto flags = CommentStore::OpenFlags(db_, ids);
  if (!flags.ok()) return flags.error();
  auto titles = articles_.Titles(article_ids);
  if (!titles.ok()) return titles.error();
  std::vector<QueueItem> out;
  for (auto& c : *held) {
    auto title = titles->find(c.article_id);
    if (title == titles->end()) continue;  // the article is gone, and its comments with it
    auto reasons = flags->find(c.id);
    out.push_back({std::move(c), title->second.slug, title->second.headline,
                   reasons == flags->end() ? std::vector<std::string>() : reasons->second});
  }
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
    DL_TRY(CommentStore::MarkApproved(tx, comment_id));
    if (newly) {
      DL_TRY(tx.Notify(kApprovedChannel, std::to_string(comment_id)));
      if ((*found)->parent_id != 0) DL_TRY(QueueReplyNotice(tx, comment_id, clock_.NowSeconds()));
    }
    DL_TRY(CommentStore::ResolveFlags(tx, comment_id, clock_.NowSeconds()));
    if (newly && (*found)->user_id != 0) DL_TRY(CommentStore::CountApproved(tx, (*found)->user_id));
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
    auto changed = CommentStore::MarkRejected(tx, comment_id);
    if (!changed.ok()) return changed.error();
    if (*changed == 0)
      return core::Error::NotFound("That comment is no longer there.").ForReaders();
    return CommentStore::ResolveFlags(tx, comment_id, clock_.NowSeconds());
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
    auto changed = CommentStore::SetFeatured(tx, comment_id, featured);
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
    DL_TRY(CommentStore::Suspend(tx, {(*found)->user_id, until, who.user_id, now, why}));
    DL_TRY(CommentStore::MarkRejected(tx, comment_id));
    return CommentStore::ResolveFlags(tx, comment_id, now);
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
  auto rows = CommentStore::Suspensions(db_, now, after_id, limit);
  if (!rows.ok()) return rows.error();
  std::vector<int64_t> ids;
  for (const auto& r : *rows) {
    ids.push_back(r.user_id);
    if (r.by_user_id) ids.push_back(r.by_user_id);
  }
  auto users = users_.FindByIds(ids);
  if (!users.ok()) return users.error();
  auto name = [&](int64_t id) {
    auto it = users->find(id);
    return it == users->end() ? std::string() : it->second.display_name;
  };
  std::vector<Suspension> out;
  for (const auto& r : *rows) {
    out.push_back({r.user_id, name(r.user_id), r.until, name(r.by_user_id), r.at, r.reason});
  }
  return out;
}

core::Result<std::map<int64_t, int64_t>> CommentService::SuspendedUntil(
    const std::vector<int64_t>& user_ids) {
  return CommentStore::SuspendedUntil(db_, user_ids, clock_.NowSeconds());
}

core::Result<void> CommentService::LiftSuspension(const Commenter& who, int64_t user_id) {
  DL_TRY(Require(Action::kModerate, who, nullptr, true, clock_.NowSeconds()));
  DL_TRY(OutranksAuthor(who, user_id));
  auto lifted = CommentStore::Lift(db_, user_id, clock_.NowSeconds());
  if (!lifted.ok()) return lifted.error();
  if (*lifted == 0) return core::Error::NotFound("That reader is not suspended.").ForReaders();
  return {};
}

core::Result<void> CommentService::SetClosed(const Commenter& who, int64_t article_id,
                                             bool closed) {
  DL_TRY(Require(Action::kModerate, who, nullptr, true, clock_.NowSeconds()));
  return ChangeShown(article_id, [&](store::Executor& tx) {
    return CommentStore::SetClosed(tx, article_id, closed);
  });
}

core::Result<ModerationSettings> CommentService::Settings() {
  return CommentStore::LoadSettings(db_);
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
    DL_TRY(CommentStore::SaveSettings(tx, s, clock_.NowSeconds()));
    return store::BumpContentGeneration(tx);
  });
}

}  // namespace dateline::comments
