#include "subscriptions/subscription_service.hpp"

#include <algorithm>
#include <cctype>

#include "accounts/user_store.hpp"
#include "subscriptions/subscription_store.hpp"

namespace dateline::subscriptions {

core::Result<std::vector<Plan>> SubscriptionService::ActivePlans() {
  return SubscriptionStore::ActivePlans(db_);
}

core::Result<void> SubscriptionService::MayManagePlans(const accounts::Actor& actor) {
  return accounts::Require(actor, accounts::Capability::kManagePlans,
                           "Plans are managed by the newsroom's administrators.");
}

core::Result<void> SubscriptionService::MayManageMembers(const accounts::Actor& actor) {
  return accounts::Require(actor, accounts::Capability::kManageMembers,
                           "Members are managed by the newsroom's administrators.");
}

core::Result<int64_t> SubscriptionService::StartedSince(const accounts::Actor& actor,
                                                        int64_t since) {
  DL_TRY(MayManageMembers(actor));
  return SubscriptionStore::CountStartedSince(db_, since);
}

core::Result<Plan> SubscriptionService::SavePlan(const accounts::Actor& actor, const Plan& given) {
  DL_TRY(MayManagePlans(actor));
  // ISO 4217 codes are letters; "usd" is USD, written as the standard writes it.
  Plan plan = given;
  for (char& c : plan.currency) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  bool code_ok = !plan.code.empty() && plan.code.size() <= 60;
  for (char c : plan.code)
    code_ok = code_ok && (std::islower(static_cast<unsigned char>(c)) ||
                          std::isdigit(static_cast<unsigned char>(c)) || c == '-');
  if (!code_ok)
    return core::Error::InvalidArgument("The code must be lowercase letters, digits and dashes.")
        .ForReaders();
  if (plan.name.empty() || plan.name.size() > 100)
    return core::Error::InvalidArgument("Give the plan a name of up to 100 characters.")
        .ForReaders();
  if (plan.description.size() > 500)
    return core::Error::InvalidArgument("Keep the description to 500 characters.").ForReaders();
  if (plan.price_cents <= 0 || plan.price_cents > 100000000)
    return core::Error::InvalidArgument(
               "The price must be more than 0 and at most 1,000,000 (give free access with a "
               "complimentary subscription or a gift code instead).")
        .ForReaders();
  if (plan.period != "month" && plan.period != "year")
    return core::Error::InvalidArgument("The period must be month or year.").ForReaders();
  if (plan.currency.size() != 3 || !std::all_of(plan.currency.begin(), plan.currency.end(),
                                                [](char c) { return c >= 'A' && c <= 'Z'; }))
    return core::Error::InvalidArgument("The currency must be a three-letter code, such as USD.")
        .ForReaders();
  if (!plan.stripe_price.empty() &&
      (plan.stripe_price.size() > 100 || plan.stripe_price.rfind("price_", 0) != 0))
    return core::Error::InvalidArgument("A Stripe price id starts with price_.").ForReaders();
  auto id = SubscriptionStore::SavePlan(db_, plan, clock_.NowSeconds());
  if (!id.ok()) return id.error();
  Plan saved = plan;
  saved.id = *id;
  return saved;
}

core::Result<std::optional<Subscription>> SubscriptionService::Current(int64_t user_id) {
  return SubscriptionStore::Latest(db_, user_id);
}

core::Result<bool> SubscriptionService::HasDigitalAccess(int64_t user_id) {
  auto current = Current(user_id);
  if (!current.ok()) return current.error();
  return *current && GrantsAccess(**current, clock_.NowSeconds(), grace_);
}

core::Result<Subscription> SubscriptionService::Grant(const accounts::Actor& actor, int64_t user_id,
                                                      std::string_view plan_code, int64_t until,
                                                      std::string_view provider) {
  DL_TRY(MayManageMembers(actor));
  std::optional<Subscription> granted;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto exists = accounts::UserStore::Exists(tx, user_id);
    if (!exists.ok()) return exists.error();
    if (!*exists)
      return core::Error::NotFound("no such member").WithReader("There is no such member.");
    auto s = GrantIn(tx, user_id, plan_code, until, provider, clock_.NowSeconds());
    if (!s.ok()) return s.error();
    granted = std::move(s.value());
    return {};
  });
  if (!status.ok()) return status.error();
  return std::move(*granted);
}

core::Result<Subscription> SubscriptionService::GrantIn(store::Executor& tx, int64_t user_id,
                                                        std::string_view plan_code, int64_t until,
                                                        std::string_view provider, int64_t now) {
  if (provider != "manual" && provider != "offline") {
    return core::Error::Internal("Grant takes manual or offline, not " + std::string(provider));
  }
  if (until <= now)
    return core::Error::InvalidArgument("The end date must be in the future.").ForReaders();
  auto plan = SubscriptionStore::PlanByCode(tx, plan_code);
  if (!plan.ok()) return plan.error();
  if (!*plan) {
    return core::Error::NotFound("no plan '" + std::string(plan_code) + "'")
        .WithReader("There is no such plan.");
  }
  Subscription s;
  s.user_id = user_id;
  s.plan = **plan;
  s.provider = std::string(provider);
  s.status = Status::kActive;
  s.current_period_end = until;
  auto id = SubscriptionStore::Replace(tx, user_id, s.plan.id, s.provider, "", until, now);
  if (!id.ok()) return id.error();
  s.id = *id;
  return s;
}

core::Result<int64_t> SubscriptionService::Revoke(const accounts::Actor& actor, int64_t user_id) {
  DL_TRY(MayManageMembers(actor));
  int64_t now = clock_.NowSeconds();
  int64_t ended = 0;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto n = SubscriptionStore::EndAll(tx, user_id, now);
    if (!n.ok()) return n.error();
    ended = *n;
    return {};
  });
  if (!status.ok()) return status.error();
  return ended;
}

core::Result<void> SubscriptionService::EndComp(const accounts::Actor& actor, int64_t user_id) {
  DL_TRY(MayManageMembers(actor));
  int64_t ended = 0;
  DL_TRY(db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto n = SubscriptionStore::EndAll(tx, user_id, clock_.NowSeconds(), "manual");
    if (!n.ok()) return n.error();
    ended = *n;
    return {};
  }));
  if (ended == 0) {
    return core::Error::NotFound("no complimentary subscription")
        .WithReader("This member has no complimentary subscription running.");
  }
  return {};
}

core::Result<void> SubscriptionService::SetPlanActive(const accounts::Actor& actor,
                                                      std::string_view code, bool active) {
  DL_TRY(MayManagePlans(actor));
  auto r = SubscriptionStore::SetPlanActive(db_, code, active);
  if (!r.ok()) return r.error();
  if (*r == 0) return core::Error::NotFound("no plan '" + std::string(code) + "'");
  return {};
}

}  // namespace dateline::subscriptions
