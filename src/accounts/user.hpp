#pragma once
// Accounts: the value types. Reader accounts, login and reset arrive with the accounts
// issue; the foundation needs the table and the first admin.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline::accounts {

enum class Role { kReader, kContributor, kAuthor, kEditor, kModerator, kAdmin };
// Every role, lowest rank first (for lists that offer them).
inline constexpr Role kAllRoles[] = {Role::kReader,    Role::kContributor, Role::kAuthor,
                                     Role::kModerator, Role::kEditor,      Role::kAdmin};

const char* RoleName(Role r);
// Who outranks whom: reader < author < moderator < editor < admin. Nobody may act against
// someone of equal or higher rank (suspend, ban).
int RoleRank(Role r);
std::optional<Role> ParseRole(std::string_view text);

struct User {
  int64_t id = 0;
  std::string email;
  std::string display_name;
  Role role = Role::kReader;
  bool must_change_password = false;
  bool verified = false;  // email confirmed
  bool disabled = false;
  int64_t created_at = 0;
};

}  // namespace dateline::accounts
