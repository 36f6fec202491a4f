#include "comments/comment_policy.hpp"

#include <cstdint>

#include "core/enum_names.hpp"
#include "core/time_format.hpp"

namespace dateline::comments {
namespace {

constexpr core::EnumNames<Action, 8> kActions{{{{Action::kRead, "read"},
                                                {Action::kPost, "post"},
                                                {Action::kReply, "reply"},
                                                {Action::kEdit, "edit"},
                                                {Action::kDelete, "delete"},
                                                {Action::kFlag, "flag"},
                                                {Action::kRecommend, "recommend"},
                                                {Action::kModerate, "moderate"}}}};

Permission Yes() { return {true, ""}; }
Permission No(std::string why) { return {false, std::move(why)}; }

// What every writing action needs: an account with a confirmed address, not suspended.
std::optional<Permission> NotAWriter(const Commenter& who, int64_t now) {
  if (who.user_id == 0) return No("Log in first.");
  if (!who.verified) return No("Confirm your email address first.");
  if (who.suspended_until > now) {
    // Say until when: a reader is owed the end of a suspension, or that it has none.
    return No(who.suspended_until == INT64_MAX
                  ? "Your account may no longer comment."
                  : "Your account may not comment until " +
                        core::FormatHumanDateTime(who.suspended_until) + ".");
  }
  return std::nullopt;
}

}  // namespace

const char* ActionName(Action a) { return kActions.Name(a); }

Permission Permit(Action action, const Commenter& who, const Comment* target, bool open,
                  int64_t now) {
  bool own = target && who.user_id != 0 && target->user_id == who.user_id;
  bool visible = target && target->status == Status::kApproved;
  switch (action) {
    case Action::kRead:
      return Yes();
    case Action::kModerate:
      return who.moderator && who.suspended_until <= now
                 ? Yes()
                 : No("This is for the newsroom's moderators.");
    case Action::kPost:
    case Action::kReply: {
      if (auto no = NotAWriter(who, now)) return *no;
      if (!who.digital_access && !who.staff)
        return No("Only subscribers are eligible to post comments.");
      if (!open) return No("Comments are closed on this article.");
      if (action == Action::kReply && !visible) return No("That comment cannot be answered.");
      return Yes();
    }
    case Action::kEdit: {
      if (auto no = NotAWriter(who, now)) return *no;
      if (!own || target->status == Status::kDeleted || target->status == Status::kRejected)
        return No("Only the author may edit a comment.");
      if (now - target->created_at > kEditWindowSeconds)
        return No("Comments can be edited for 10 minutes after posting.");
      return Yes();
    }
    case Action::kDelete:
      if (target && target->status == Status::kDeleted) return No("That comment is deleted.");
      if (who.moderator && who.suspended_until <= now) return Yes();
      if (who.user_id == 0) return No("Log in first.");
      return own ? Yes() : No("Only the author may delete a comment.");
    case Action::kFlag:
    case Action::kRecommend:
      if (auto no = NotAWriter(who, now)) return *no;
      if (!visible) return No("That comment is not shown.");
      if (own)
        return No(action == Action::kFlag ? "You cannot flag your own comment."
                                          : "You cannot recommend your own comment.");
      return Yes();
  }
  return No("Not allowed.");
}

core::Result<void> Require(Action action, const Commenter& who, const Comment* target, bool open,
                           int64_t now) {
  Permission p = Permit(action, who, target, open, now);
  if (p.allowed) return {};
  return core::Error::PermissionDenied(p.reason).ForReaders();
}

CommentControls ControlsFor(const Commenter& who, const Comment& comment, bool open, int64_t now,
                            bool recommended, bool flagged) {
  CommentControls c;
  if (who.user_id == 0) return c;
  auto can = [&](Action a) { return Permit(a, who, &comment, open, now).allowed; };
  c.reply = can(Action::kReply);
  c.edit = can(Action::kEdit);
  c.remove_own = comment.user_id == who.user_id && can(Action::kDelete);
  c.recommend = !recommended && can(Action::kRecommend);
  c.flag = !flagged && can(Action::kFlag);
  c.moderate = can(Action::kModerate) && comment.status == Status::kApproved;
  return c;
}

ThreadControls ThreadControlsFor(const Commenter& who, bool open, int64_t now) {
  return {Permit(Action::kPost, who, nullptr, open, now).allowed,
          Permit(Action::kModerate, who, nullptr, open, now).allowed};
}

}  // namespace dateline::comments
