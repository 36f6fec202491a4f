// dateline user add|list|set-role|disable|enable: accounts for operators.

#include <fmt/format.h>

#include "accounts/password.hpp"
#include "app/commands.hpp"
#include "app/services.hpp"
#include "core/time_format.hpp"

namespace dateline::app {
namespace {

// Who the audit log names for changes made from the command line.
accounts::ClientInfo Operator() { return {"cli", "dateline user", ""}; }

int Fail(const core::Error& e) {
  fmt::print(stderr, "error: {}\n", e.message);
  return e.code == core::ErrorCode::kInvalidArgument || e.code == core::ErrorCode::kNotFound ? 2
                                                                                             : 1;
}

}  // namespace

int UserCommand(const core::Config& config, const UserCommandArgs& args) {
  auto services = OpenServices(config);
  if (!services.ok()) return Fail(services.error());
  accounts::AccountService& accounts = *(*services)->accounts;
  std::optional<accounts::Role> role;
  if (!args.role.empty()) {
    role = accounts::ParseRole(args.role);
    if (!role) {
      fmt::print(
          stderr,
          "error: role '{}' is not one of reader, contributor, author, editor, moderator, admin\n",
          args.role);
      return 2;
    }
  }
  if (args.verb == "add") {
    // Like the first admin: a one-time password, to be replaced at first sign-in.
    std::string password = accounts::GenerateOneTimePassword();
    auto user = accounts.CreateUser(args.email, args.name.empty() ? args.email : args.name,
                                    password, role.value_or(accounts::Role::kReader), true);
    if (!user.ok()) {
      if (user.error().code == core::ErrorCode::kAlreadyExists) {
        fmt::print(stderr, "error: {} already has an account\n", args.email);
        return 2;
      }
      return Fail(user.error());
    }
    fmt::print("added {} ({})\none-time password: {}\n(it must be changed at first sign-in)\n",
               user->email, accounts::RoleName(user->role), password);
    return 0;
  }
  if (args.verb == "list") {
    fmt::print("{:<40} {:<10} {:<10} {}\n", "EMAIL", "ROLE", "STATE", "CREATED");
    // A page at a time: however many accounts there are, memory holds 500.
    int64_t after = 0, total = 0;
    do {
      auto page = accounts.Members(accounts::OperatorActor(), "", after, 500);
      if (!page.ok()) return Fail(page.error());
      for (const auto& u : page->users) {
        fmt::print("{:<40} {:<10} {:<10} {}\n", u.email, accounts::RoleName(u.role),
                   u.disabled ? "disabled" : (u.verified ? "active" : "unconfirmed"),
                   core::FormatIso8601(u.created_at));
      }
      total = page->total;
      after = page->next_after;
    } while (after != 0);
    fmt::print("{} account{}\n", total, total == 1 ? "" : "s");
    return 0;
  }
  if (args.verb == "set-role") {
    auto user = accounts.SetRole(accounts::OperatorActor(), args.email, *role, Operator());
    if (!user.ok()) return Fail(user.error());
    fmt::print("{} is now {}\n", user->email, accounts::RoleName(user->role));
    return 0;
  }
  if (args.verb == "disable" || args.verb == "enable") {
    auto user = accounts.SetDisabled(accounts::OperatorActor(), args.email, args.verb == "disable",
                                     Operator());
    if (!user.ok()) return Fail(user.error());
    fmt::print("{} is {}{}\n", user->email, args.verb == "disable" ? "disabled" : "enabled",
               args.verb == "disable" ? "; its sessions have ended" : "");
    return 0;
  }
  return 2;
}

}  // namespace dateline::app
