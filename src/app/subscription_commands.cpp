// dateline subscription grant|revoke|gift, and dateline plan list.

#include <fmt/format.h>

#include "accounts/email_address.hpp"
#include "app/commands.hpp"
#include "app/services.hpp"
#include "audit/audit_store.hpp"
#include "core/time_format.hpp"

namespace dateline::app {

int SubscriptionCommand(const core::Config& config, const SubscriptionCommandArgs& args) {
  auto services = OpenServices(config);
  if (!services.ok()) {
    fmt::print(stderr, "error: {}\n", services.error().message);
    return 1;
  }
  Services& s = **services;
  if (args.verb == "gift") {
    auto expires = core::ParseIso8601(args.until);
    if (!expires) {
      fmt::print(stderr, "error: --expires '{}' is not a date like 2027-12-31\n", args.until);
      return 2;
    }
    auto codes = s.gift_codes->Create(args.plan, args.days, *expires, args.count);
    if (!codes.ok()) {
      fmt::print(stderr, "error: {}\n", codes.error().message);
      return codes.error().code == core::ErrorCode::kInternal ? 1 : 2;
    }
    fmt::print("{} gift code{} for {} days of {}, redeemable until {}:\n", codes->size(),
               codes->size() == 1 ? "" : "s", args.days, args.plan, args.until);
    for (const auto& c : *codes) fmt::print("{}\n", c);
    return 0;
  }
  auto email = accounts::NormalizeEmail(args.email);
  auto record = email ? s.users->FindByEmail(*email)
                      : core::Result<std::optional<accounts::UserRecord>>(std::nullopt);
  if (!record.ok()) {
    fmt::print(stderr, "error: {}\n", record.error().message);
    return 1;
  }
  if (!*record) {
    fmt::print(stderr, "error: no account for {}\n", args.email);
    return 2;
  }
  const accounts::User& user = (*record)->user;
  if (args.verb == "grant") {
    auto until = core::ParseIso8601(args.until);
    if (!until) {
      fmt::print(stderr, "error: --until '{}' is not a date like 2027-12-31\n", args.until);
      return 2;
    }
    auto granted = s.subscriptions->Grant(accounts::OperatorActor(), user.id, args.plan, *until);
    if (!granted.ok()) {
      fmt::print(stderr, "error: {}\n", granted.error().message);
      return granted.error().code == core::ErrorCode::kInternal ? 1 : 2;
    }
    (void)audit::Record(*s.db, {user.id, "subscription_granted", "cli",
                                args.plan + " until " + args.until, s.clock.NowSeconds()});
    fmt::print("{} has {} until {}\n", user.email, granted->plan.name,
               core::FormatIso8601(granted->current_period_end));
    return 0;
  }
  auto revoked = s.subscriptions->Revoke(accounts::OperatorActor(), user.id);
  if (!revoked.ok()) {
    fmt::print(stderr, "error: {}\n", revoked.error().message);
    return 1;
  }
  (void)audit::Record(*s.db, {user.id, "subscription_revoked", "cli", "", s.clock.NowSeconds()});
  fmt::print("{}: {} subscription{} ended\n", user.email, *revoked, *revoked == 1 ? "" : "s");
  return 0;
}

int PlanListCommand(const core::Config& config) {
  auto services = OpenServices(config);
  if (!services.ok()) {
    fmt::print(stderr, "error: {}\n", services.error().message);
    return 1;
  }
  auto plans = (*services)->subscriptions->ActivePlans();
  if (!plans.ok()) {
    fmt::print(stderr, "error: {}\n", plans.error().message);
    return 1;
  }
  fmt::print("{:<24} {:<28} {:>12} {:<8} {}\n", "CODE", "NAME", "PRICE", "PER", "STRIPE PRICE");
  for (const auto& p : *plans) {
    fmt::print("{:<24} {:<28} {:>12} {:<8} {}\n", p.code, p.name,
               p.currency + " " + subscriptions::FormatAmount(p.price_cents), p.period,
               p.stripe_price.empty() ? "-" : p.stripe_price);
  }
  fmt::print("{} plan{}\n", plans->size(), plans->size() == 1 ? "" : "s");
  return 0;
}

}  // namespace dateline::app
