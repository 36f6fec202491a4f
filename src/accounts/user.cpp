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

std::optional<Role> ParseRole(std::string_view text) {
  for (Role r : {Role::kReader, Role::kAuthor, Role::kEditor, Role::kModerator, Role::kAdmin}) {
    if (text == RoleName(r)) return r;
  }
  return std::nullopt;
}

}  // namespace dateline::accounts
