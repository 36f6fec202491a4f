#include "comments/comment_service.hpp"

#include <algorithm>
#include <climits>

#include "comments/comment_store.hpp"
#include "core/text.hpp"
#include "mail/outbox_store.hpp"
#include "metrics/counters.hpp"
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

// Every node is told at commit (store::Executor::Notify) of newly approved comments and
// of any change to what an article's comments section shows.
core::Result<void> NotifyApproved(store::Executor& tx, int64_t comment_id) {
  return tx.Notify(kApprovedChannel, std::to_string(comment_id));
}

constexpr ratelimit::Limit kFlagsPerHour{30, 3600};

// "n:123", "o:123", "r:7:123": where the previous page ended, for the given sort.
std::optional<ThreadCursor> ParseCursor(std::string_view text, Sort sort) {
  auto number = [](std::string_view s, int64_t& out) {
    out = core::ParseInt64(s).value_or(-1);
    return out >= 0;
  };
  ThreadCursor c;
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
  auto until = CommentStore::SuspendedUntil(db_, user_id);
  if (!until.ok()) return until.error();
  c.suspended_until = *until;
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
  auto closed = CommentStore::IsClosed(db_, article_id);
  if (!closed.ok()) return closed.error();
  if (*closed) return false;
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
    return tx.Notify(kChangedChannel, std::to_string(article_id));
  });
  if (!status.ok()) return status.error();
  Changed(article_id);
  return {};
}

core::Result<std::optional<Comment>> CommentService::Find(int64_t comment_id) {
  return Named(CommentStore::Find(db_, comment_id));
}

core::Result<void> CommentService::AddNames(const std::vector<Comment*>& comments) {
  std::vector<int64_t> ids;
  for (const Comment* c : comments) {
    if (c->user_id) ids.push_back(c->user_id);
    if (c->parent_user_id) ids.push_back(c->parent_user_id);
  }
  auto users = users_.FindByIds(ids);
  if (!users.ok()) return users.error();
  auto name = [&](int64_t id) -> const accounts::User* {
    auto it = users->find(id);
    return it == users->end() ? nullptr : &it->second;
  };
  for (Comment* c : comments) {
    const accounts::User* author = name(c->user_id);
    c->author = c->user_id != 0            ? (author ? author->display_name : "")
                : c->former_author.empty() ? "Former reader"
                                           : c->former_author;
    // The badge, not the name, tells readers who speaks for the paper: any reader may call
    // themselves "Editor", nobody but staff gets the badge.
    c->by_staff = author && accounts::CapabilitiesOf(author->role).Any();
    // Only a reply to a reply names whom it answers; a reply to the thread's top is plain.
    if (c->parent_id != 0 && c->parent_id != c->thread_id) {
      const accounts::User* answered = name(c->parent_user_id);
      c->parent_author = answered ? answered->display_name : "";
    }
  }
  return {};
}

core::Result<std::vector<Comment>> CommentService::Named(
    core::Result<std::vector<Comment>> comments) {
  if (!comments.ok()) return comments;
  std::vector<Comment*> all;
  for (auto& c : *comments) all.push_back(&c);
  DL_TRY(AddNames(all));
  return comments;
}

core::Result<std::optional<Comment>> CommentService::Named(
    core::Result<std::optional<Comment>> comment) {
  if (!comment.ok() || !*comment) return comment;
  DL_TRY(AddNames({&**comment}));
  return comment;
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
    auto again = CommentStore::FindByKey(db_, who.user_id, in.idempotency_key);
    if (!again.ok()) return again.error();
    if (*again) return SameSubmission(**again, in, *body);
  }
  auto settings = Settings();
  if (!settings.ok()) return settings.error();

  // One commit (one disk sync) per post: the rate-limit hits are counted in the same
  // transaction as the insert. A refused post rolls back and writes nothing; in a fixed
  // window a hit past the limit would change no decision anyway.
  std::string bucket = "comment-user:" + std::to_string(who.user_id);
  int64_t id = 0;
  bool approved = false;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    for (const auto& limit : {per_minute_, per_hour_}) {
      auto ok = limiter_.Hit(tx, bucket + ":" + std::to_string(limit.window_seconds), limit);
      if (!ok.ok()) return ok.error();
      if (!*ok)
        return core::Error::RateLimited("too many comments")
            .WithReader("You are commenting faster than we allow. Wait a minute, then try again.");
    }
    auto approved_before = CommentStore::ApprovedBy(tx, who.user_id);
    if (!approved_before.ok()) return approved_before.error();
    std::string held = HoldReason(*settings, *body, who.staff, *approved_before);
    CommentRow row;
    row.article_id = in.article_id;
    row.user_id = who.user_id;
    row.parent_id = parent ? parent->id : 0;
    row.thread_id = parent ? (parent->thread_id ? parent->thread_id : parent->id) : 0;
    row.body = *body;
    row.status = held.empty() ? Status::kApproved : Status::kPending;
    row.held_reason = held;
    row.idempotency_key = keyed ? in.idempotency_key : "";
    row.created_at = now;
    auto inserted = CommentStore::Insert(tx, row);
    if (!inserted.ok()) return inserted.error();
    if (!*inserted) return {};  // the same form, submitted at the same moment
    id = **inserted;
    if (row.status == Status::kApproved) {
      DL_TRY(CommentStore::CountApproved(tx, who.user_id));
      DL_TRY(NotifyApproved(tx, id));
      if (parent) DL_TRY(QueueReplyNotice(tx, id, now));
      DL_TRY(tx.Notify(kChangedChannel, std::to_string(in.article_id)));
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
    auto again = Named(CommentStore::FindByKey(db_, who.user_id, in.idempotency_key));
    if (!again.ok()) return again.error();
    if (!*again) return core::Error::Internal("comment vanished after a duplicate submit");
    return SameSubmission(**again, in, *body);
  }
  metrics::CommentsPosted().Add();
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
  auto status = ChangeShown(found->article_id, [&](store::Executor& tx) {
    return CommentStore::SetBody(tx, comment_id, *body, now, next, held);
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
    DL_TRY(CommentStore::MarkDeleted(tx, comment_id));
    return CommentStore::ResolveFlags(tx, comment_id, clock_.NowSeconds());
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
    auto voted = CommentStore::AddVote(tx, comment_id, who.user_id, now);
    if (!voted.ok()) return voted.error();
    if (!*voted) return {};  // once per reader
    count = **voted;
    voted_now = true;
    return tx.Notify(kChangedChannel, std::to_string(found->article_id));
  });
  if (!status.ok()) return status.error();
  if (voted_now) Changed(found->article_id);
  return count;
}

core::Result<CommentService::ReaderMarks> CommentService::MarksBy(
    int64_t user_id, const std::vector<int64_t>& comment_ids) {
  ReaderMarks marks;
  auto voted = CommentStore::VotedBy(db_, user_id, comment_ids);
  if (!voted.ok()) return voted.error();
  auto flagged = CommentStore::FlaggedBy(db_, user_id, comment_ids);
  if (!flagged.ok()) return flagged.error();
  marks.recommended = std::move(voted.value());
  marks.flagged = std::move(flagged.value());
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
  return CommentStore::AddFlag(db_, comment_id, who.user_id, why, clock_.NowSeconds());
}

core::Result<ThreadPage> CommentService::Threads(int64_t article_id, Sort sort,
                                                 std::string_view cursor_text, int threads_per_page,
                                                 int64_t viewer_id) {
  ThreadPage page;
  auto tops = CommentStore::ThreadStarts(db_, article_id, viewer_id, sort,
                                         ParseCursor(cursor_text, sort), threads_per_page + 1);
  if (!tops.ok()) return tops.error();
  if (static_cast<int>(tops->size()) > threads_per_page) {
    tops->resize(threads_per_page);
    page.next_cursor = CursorAfter(tops->back(), sort);
  }
  std::vector<int64_t> thread_ids;
  for (const auto& t : *tops) thread_ids.push_back(t.id);
  auto replies = CommentStore::FirstReplies(db_, thread_ids, viewer_id, kRepliesPerThread);
  if (!replies.ok()) return replies.error();
  auto counts = CommentStore::ReplyCounts(db_, thread_ids, viewer_id);
  if (!counts.ok()) return counts.error();
  std::map<int64_t, size_t> index;
  for (auto& t : *tops) {
    index[t.id] = page.threads.size();
    page.threads.push_back({std::move(t), {}, 0});
  }
  for (auto& r : *replies) page.threads[index[r.thread_id]].replies.push_back(std::move(r));
  for (const auto& [thread_id, count] : *counts) {
    Thread& t = page.threads[index[thread_id]];
    t.more_replies = count - static_cast<int64_t>(t.replies.size());
  }
  if (cursor_text.empty()) {
    auto featured = CommentStore::Featured(db_, article_id, 5);
    if (!featured.ok()) return featured.error();
    page.featured = std::move(featured.value());
  }
  // Every name on the page in one question to accounts.
  std::vector<Comment*> all;
  for (auto& t : page.threads) {
    all.push_back(&t.top);
    for (auto& r : t.replies) all.push_back(&r);
  }
  for (auto& f : page.featured) all.push_back(&f);
  DL_TRY(AddNames(all));
  auto counted = CommentStore::ApprovedCount(db_, article_id);
  if (!counted.ok()) return counted.error();
  page.approved_count = *counted;
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
  auto replies = Named(CommentStore::ThreadReplies(db_, thread_id, viewer_id, limit));
  if (!replies.ok()) return replies.error();
  if (tombstone && replies->empty()) return std::optional<Thread>();
  return std::optional<Thread>(Thread{std::move(**top), std::move(replies.value()), 0});
}

core::Result<std::map<int64_t, int64_t>> CommentService::ApprovedCounts(
    const std::vector<int64_t>& article_ids) {
  return CommentStore::ApprovedCounts(db_, article_ids);
}

core::Result<void> CommentService::QueueReplyNotice(store::Executor& tx, int64_t reply_id,
                                                    int64_t now) {
  if (!reply_mailer_) return {};
  // The parent's author, if they asked for these emails, can receive mail, and is not
  // the one replying.
  auto reply = CommentStore::ReplyToNotifyFor(tx, reply_id);
  if (!reply.ok()) return reply.error();
  if (!*reply) return {};
  auto users = users_.FindByIds({(*reply)->parent_user_id, (*reply)->reply_user_id});
  if (!users.ok()) return users.error();
  auto reader = users->find((*reply)->parent_user_id);
  if (reader == users->end() || !reader->second.verified || reader->second.disabled) return {};
  auto replier = users->find((*reply)->reply_user_id);
  auto titles = articles_.Titles({(*reply)->article_id});
  if (!titles.ok()) return titles.error();
  auto title = titles->find((*reply)->article_id);
  if (title == titles->end()) return {};
  ReplyNotice notice{reader->second.id,
                     reader->second.email,
                     reader->second.display_name,
                     replier == users->end() ? "" : replier->second.display_name,
                     title->second.headline,
                     title->second.slug,
                     reply_id,
                     (*reply)->body};
  return mail::Outbox::Enqueue(tx, reply_mailer_->Reply(notice), now);
}

core::Result<bool> CommentService::ReplyEmails(int64_t user_id) {
  return CommentStore::WantsReplyEmails(db_, user_id);
}

core::Result<void> CommentService::SetReplyEmails(int64_t user_id, bool on) {
  return CommentStore::SetReplyEmails(db_, user_id, on);
}

core::Result<std::vector<Comment>> CommentService::ApprovedSince(int64_t article_id,
                                                                 int64_t after_id, int limit) {
  return Named(CommentStore::ApprovedSince(db_, article_id, after_id, limit));
}

}  // namespace dateline::comments
