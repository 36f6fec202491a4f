#include "subscriptions/subscription_service.hpp"

#include <algorithm>
#include <cctype>

namespace dateline::subscriptions {
namespace {

constexpr std::string_view kPlanColumns =
    "p.id, p.code, p.name, p.description, p.price_cents, p.currency, p.period, p.stripe_price";

Plan PlanFromRow(const store::Row& r, size_t i = 0) {
  return {r.Int(i),     r.Text(i + 1), r.Text(i + 2), r.Text(i + 3),
          r.Int(i + 4), r.Text(i + 5), r.Text(i + 6), r.Text(i + 7)};
}

}  // namespace

core::Result<std::vector<Plan>> SubscriptionService::ActivePlans() {
  static const std::string sql = "SELECT " + std::string(kPlanColumns) +
                                 " FROM plans p WHERE p.active = 1 ORDER BY p.price_cents";
  auto rows = db_.Query(sql);
  if (!rows.ok()) return rows.error();
  std::vector<Plan> out;
  for (const auto& r : *rows) out.push_back(PlanFromRow(r));
  return out;
}

core::Result<void> SubscriptionService::MayManagePlans(const accounts::Actor& actor) {
  return accounts::Require(actor, accounts::Capability::kManagePlans,
                           "Plans are managed by the newsroom's administrators.");
}

core::Result<void> SubscriptionService::MayManageMembers(const accounts::Actor& actor) {
  return accounts::Require(actor, accounts::Capability::kManageMembers,
                           "Members are managed by the newsroom's administrators.");
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
  auto row = db_.WriteOne(
      "INSERT INTO plans (code, name, description, price_cents, currency, period, stripe_price, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
      "name = excluded.name, description = excluded.description, "
      "price_cents = excluded.price_cents, currency = excluded.currency, "
      "period = excluded.period, stripe_price = excluded.stripe_price, active = 1 RETURNING id",
      {plan.code, plan.name, plan.description, plan.price_cents, plan.currency, plan.period,
       plan.stripe_price, clock_.NowSeconds()});
  if (!row.ok()) return row.error();
  Plan saved = plan;
  saved.id = row->Int(0);
  return saved;
}

core::Result<std::optional<Subscription>> SubscriptionService::Current(int64_t user_id) {
  static const std::string sql =
      "SELECT s.id, s.user_id, s.provider, s.status, s.current_period_end, s.provider_ref, "
      "s.provider_customer, s.cancel_at_period_end, " +
      std::string(kPlanColumns) +
      " FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE s.user_id = ? "
      "ORDER BY s.current_period_end DESC, s.id DESC LIMIT 1";
  auto rows = db_.Query(sql, {user_id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Subscription>();
  const auto& r = rows->front();
  Subscription s;
  s.id = r.Int(0);
  s.user_id = r.Int(1);
  s.provider = r.Text(2);
  s.status = ParseStatus(r.Text(3)).value_or(Status::kIncomplete);  // unknown: no access
  s.current_period_end = r.Int(4);
  s.provider_ref = r.Text(5);
  s.customer_ref = r.Text(6);
  s.cancel_at_period_end = r.Int(7) != 0;
  s.plan = PlanFromRow(r, 8);
  return std::optional<Subscription>(std::move(s));
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
  auto plan = tx.Query("SELECT " + std::string(kPlanColumns) + " FROM plans p WHERE p.code = ?",
                       {std::string(plan_code)});
  if (!plan.ok()) return plan.error();
  if (plan->empty()) {
    return core::Error::NotFound("no plan '" + std::string(plan_code) + "'")
        .WithReader("There is no such plan.");
  }
  Subscription s;
  s.user_id = user_id;
  s.plan = PlanFromRow(plan->front());
  s.provider = std::string(provider);
  s.status = Status::kActive;
  s.current_period_end = until;
  DL_TRY(tx.Execute("DELETE FROM subscriptions WHERE user_id = ? AND provider = ?",
                    {user_id, s.provider}));
  auto row = tx.WriteOne(
      "INSERT INTO subscriptions (user_id, plan_id, provider, status, current_period_end, "
      "created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?) RETURNING id",
      {user_id, s.plan.id, s.provider, until, now, now});
  if (!row.ok()) return row.error();
  s.id = row->Int(0);
  return s;
}

core::Result<int64_t> SubscriptionService::Revoke(const accounts::Actor& actor, int64_t user_id) {
  DL_TRY(MayManageMembers(actor));
  int64_t now = clock_.NowSeconds();
  return db_.Execute(
      "UPDATE subscriptions SET status = 'canceled', current_period_end = ?, updated_at = ? "
      "WHERE user_id = ? AND current_period_end > ?",
      {now, now, user_id, now});
}

core::Result<void> SubscriptionService::SetPlanActive(const accounts::Actor& actor,
                                                      std::string_view code, bool active) {
  DL_TRY(MayManagePlans(actor));
  auto r = db_.Execute("UPDATE plans SET active = ? WHERE code = ?",
                       {int64_t{active ? 1 : 0}, std::string(code)});
  if (!r.ok()) return r.error();
  if (*r == 0) return core::Error::NotFound("no plan '" + std::string(code) + "'");
  return {};
}

}  // namespace dateline::subscriptions
