#include "accounts/user.hpp"

namespace dateline::accounts {

const char* RoleName(Role r) {
  switch (r) {
    case Role::kReader:
      return "reader";
    case Role::kAuthor:
      return "author";
    case Role::kEditor:
      return "editor";
    case Role::kModerator:
      return "moderator";
    case Role::kAdmin:
      return "admin";
  }
  return "reader";
}

int RoleRank(Role r) {
  switch (r) {
    case Role::kReader:
      return 0;
    case Role::kAuthor:
      return 1;
    case Role::kModerator:
      return 2;
    case Role::kEditor:
      return 3;
    case Role::kAdmin:
      return 4;
  }
  return 0;
}

std::optional<Role> ParseRole(std::string_view text) {
  for (Role r : {Role::kReader, Role::kAuthor, Role::kEditor, Role::kModerator, Role::kAdmin}) {
    if (text == RoleName(r)) return r;
  }
  return std::nullopt;
}

}  // namespace dateline::accounts
