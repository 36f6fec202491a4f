#pragma once
// Who may do what with comments: the one authorization rule, as a pure function, so the
// matrix (anonymous, registered, unverified, lapsed, subscriber, suspended, moderator,
// admin x read, post, reply, edit, delete, flag, recommend, moderate) is tested directly.

#include <cstdint>
#include <string>

#include "comments/comment.hpp"
#include "core/result.hpp"

namespace dateline::comments {

struct Commenter {
  int64_t user_id = 0;  // 0: anonymous
  bool verified = false;
  bool staff = false;           // any role but reader: posts without a subscription
  bool moderator = false;       // moderator, editor or admin
  bool digital_access = false;  // a subscription that gives access now
  int64_t suspended_until = 0;  // epoch seconds; INT64_MAX: banned
  int rank = 0;                 // accounts::RoleRank of the role: who may suspend whom
};

enum class Action { kRead, kPost, kReply, kEdit, kDelete, kFlag, kRecommend, kModerate };
const char* ActionName(Action a);

struct Permission {
  bool allowed = false;
  std::string reason;  // for the reader when refused
};

// `target` is the comment acted on (edit, delete, flag, recommend, reply), null otherwise.
// `open`: whether the article takes new comments.
Permission Permit(Action action, const Commenter& who, const Comment* target, bool open,
                  int64_t now);

// kPermissionDenied with the reason as the reader's sentence, unless Permit allows.
core::Result<void> Require(Action action, const Commenter& who, const Comment* target, bool open,
                           int64_t now);

// The controls a page shows beside one comment, decided by Permit: pages show what the
// rule allows and never work it out themselves. `recommended` and `flagged`: this reader's
// own marks on the comment (a mark is given once).
struct CommentControls {
  bool reply = false;
  bool edit = false;
  bool remove_own = false;  // authors delete their own; moderators remove others'
  bool recommend = false;
  bool flag = false;
  bool moderate = false;  // only on a shown comment
};
CommentControls ControlsFor(const Commenter& who, const Comment& comment, bool open, int64_t now,
                            bool recommended, bool flagged);

// What the thread as a whole offers this reader: the form for a new comment, the tools of
// moderation.
struct ThreadControls {
  bool post = false;
  bool moderate = false;
};
ThreadControls ThreadControlsFor(const Commenter& who, bool open, int64_t now);

}  // namespace dateline::comments
