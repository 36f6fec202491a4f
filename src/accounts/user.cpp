#include "accounts/user.hpp"

#include "core/enum_names.hpp"

namespace dateline::accounts {
namespace {

constexpr core::EnumNames<Role, 6> kRoles{{{{Role::kReader, "reader"},
                                            {Role::kContributor, "contributor"},
                                            {Role::kAuthor, "author"},
                                            {Role::kEditor, "editor"},
                                            {Role::kModerator, "moderator"},
                                            {Role::kAdmin, "admin"}}}};

}  // namespace

const char* RoleName(Role r) { return kRoles.Name(r); }

int RoleRank(Role r) {
  switch (r) {
    case Role::kReader:
      return 0;
    case Role::kContributor:
      return 1;
    case Role::kAuthor:
      return 2;
    case Role::kModerator:
      return 3;
    case Role::kEditor:
      return 4;
    case Role::kAdmin:
      return 5;
  }
  return 0;
}

std::optional<Role> ParseRole(std::string_view text) { return kRoles.Parse(text); }

}  // namespace dateline::accounts
