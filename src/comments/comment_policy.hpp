#pragma once
// Who may do what with comments: the one authorization rule, as a pure function, so the
// matrix (anonymous, registered, unverified, lapsed, subscriber, suspended, moderator,
// admin x read, post, reply, edit, delete, flag, recommend, moderate) is tested directly.

#include <cstdint>
#include <string>

#include "comments/comment.hpp"

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

}  // namespace dateline::comments
