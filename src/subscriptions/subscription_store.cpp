#include "subscriptions/subscription_store.hpp"

#include "subscriptions/subscription_events.hpp"

namespace dateline::subscriptions {
namespace {

constexpr std::string_view kPlanColumns =
    "p.id, p.code, p.name, p.description, p.price_cents, p.currency, p.period, p.stripe_price";

Plan PlanFromRow(const store::Row& r, size_t i = 0) {
  return {r.Int(i),     r.Text(i + 1), r.Text(i + 2), r.Text(i + 3),
          r.Int(i + 4), r.Text(i + 5), r.Text(i + 6), r.Text(i + 7)};
}

core::Result<std::optional<Plan>> OnePlan(core::Result<store::Rows> rows) {
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Plan>();
  return std::optional<Plan>(PlanFromRow(rows->front()));
}

constexpr std::string_view kRequestColumns =
    "r.id, r.user_id, r.kind, COALESCE(p.code, ''), COALESCE(p.name, ''), r.full_name, "
    "r.postal_address, r.account_number, r.note, r.status, r.created_at "
    "FROM subscription_requests r LEFT JOIN plans p ON p.id = r.plan_id ";

RequestRow RequestFromRow(const store::Row& r) {
  return {r.Int(0),  r.Int(1),  r.Text(2), r.Text(3), r.Text(4), r.Text(5),
          r.Text(6), r.Text(7), r.Text(8), r.Text(9), r.Int(10)};
}

core::Result<std::optional<RequestRow>> OneRequest(core::Result<store::Rows> rows) {
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<RequestRow>();
  return std::optional<RequestRow>(RequestFromRow(rows->front()));
}

// The member whose subscription `id` is, told of its change.
core::Result<void> AnnounceChangeOf(store::Executor& tx, int64_t id, int64_t now) {
  auto row = tx.QueryOne("SELECT user_id FROM subscriptions WHERE id = ?", {id});
  if (!row.ok()) return row.error();
  return AnnounceSubscriptionChange(tx, row->Int(0), now);
}

}  // namespace

core::Result<std::vector<Plan>> SubscriptionStore::ActivePlans(store::Executor& x) {
  static const std::string sql = "SELECT " + std::string(kPlanColumns) +
                                 " FROM plans p WHERE p.active = 1 ORDER BY p.price_cents";
  auto rows = x.Query(sql);
  if (!rows.ok()) return rows.error();
  std::vector<Plan> out;
  for (const auto& r : *rows) out.push_back(PlanFromRow(r));
  return out;
}

core::Result<std::optional<Plan>> SubscriptionStore::PlanByCode(store::Executor& x,
                                                                std::string_view code) {
  return OnePlan(x.Query("SELECT " + std::string(kPlanColumns) + " FROM plans p WHERE p.code = ?",
                         {std::string(code)}));
}

core::Result<std::optional<Plan>> SubscriptionStore::PlanById(store::Executor& x, int64_t id) {
  return OnePlan(
      x.Query("SELECT " + std::string(kPlanColumns) + " FROM plans p WHERE p.id = ?", {id}));
}

core::Result<std::optional<int64_t>> SubscriptionStore::PlanIdForPrice(store::Executor& x,
                                                                       std::string_view price_ref) {
  auto rows = x.Query("SELECT id FROM plans WHERE stripe_price = ? ORDER BY id LIMIT 1",
                      {std::string(price_ref)});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().Int(0));
}

core::Result<int64_t> SubscriptionStore::SavePlan(store::Executor& x, const Plan& plan,
                                                  int64_t now) {
  auto row = x.WriteOne(
      "INSERT INTO plans (code, name, description, price_cents, currency, period, stripe_price, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
      "name = excluded.name, description = excluded.description, "
      "price_cents = excluded.price_cents, currency = excluded.currency, "
      "period = excluded.period, stripe_price = excluded.stripe_price, active = 1 RETURNING id",
      {plan.code, plan.name, plan.description, plan.price_cents, plan.currency, plan.period,
       plan.stripe_price, now});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<int64_t> SubscriptionStore::SetPlanActive(store::Executor& x, std::string_view code,
                                                       bool active) {
  return x.Execute("UPDATE plans SET active = ? WHERE code = ?",
                   {int64_t{active ? 1 : 0}, std::string(code)});
}

core::Result<std::optional<Subscription>> SubscriptionStore::Latest(store::Executor& x,
                                                                    int64_t user_id) {
  static const std::string sql =
      "SELECT s.id, s.user_id, s.provider, s.status, s.current_period_end, s.provider_ref, "
      "s.provider_customer, s.cancel_at_period_end, " +
      std::string(kPlanColumns) +
      " FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE s.user_id = ? "
      "ORDER BY s.current_period_end DESC, s.id DESC LIMIT 1";
  auto rows = x.Query(sql, {user_id});
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

core::Result<std::vector<Subscription>> SubscriptionStore::AllOf(store::Executor& x,
                                                                 int64_t user_id) {
  auto rows = x.Query(
      "SELECT provider, status, current_period_end, cancel_at_period_end FROM subscriptions "
      "WHERE user_id = ?",
      {user_id});
  if (!rows.ok()) return rows.error();
  std::vector<Subscription> out;
  for (const auto& r : *rows) {
    Subscription s;
    s.user_id = user_id;
    s.provider = r.Text(0);
    s.status = ParseStatus(r.Text(1)).value_or(Status::kIncomplete);
    s.current_period_end = r.Int(2);
    s.cancel_at_period_end = r.Int(3) != 0;
    out.push_back(std::move(s));
  }
  return out;
}

core::Result<int64_t> SubscriptionStore::Replace(store::Executor& tx, int64_t user_id,
                                                 int64_t plan_id, std::string_view provider,
                                                 std::string_view provider_ref, int64_t until,
                                                 int64_t now) {
  DL_TRY(tx.Run("DELETE FROM subscriptions WHERE user_id = ? AND provider = ?",
                {user_id, std::string(provider)}));
  auto row = tx.WriteOne(
      "INSERT INTO subscriptions (user_id, plan_id, provider, provider_ref, status, "
      "current_period_end, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?, ?) "
      "RETURNING id",
      {user_id, plan_id, std::string(provider), std::string(provider_ref), until, now, now});
  if (!row.ok()) return row.error();
  DL_TRY(AnnounceSubscriptionChange(tx, user_id, now));
  return row->Int(0);
}

core::Result<int64_t> SubscriptionStore::EndAll(store::Executor& x, int64_t user_id, int64_t now,
                                                std::optional<std::string_view> provider) {
  auto ended =
      provider ? x.Execute(
                     "UPDATE subscriptions SET status = 'canceled', current_period_end = ?, "
                     "updated_at = ? WHERE user_id = ? AND current_period_end > ? AND provider = ?",
                     {now, now, user_id, now, std::string(*provider)})
               : x.Execute(
                     "UPDATE subscriptions SET status = 'canceled', current_period_end = ?, "
                     "updated_at = ? WHERE user_id = ? AND current_period_end > ?",
                     {now, now, user_id, now});
  if (!ended.ok()) return ended.error();
  if (*ended > 0) DL_TRY(AnnounceSubscriptionChange(x, user_id, now));
  return ended;
}

core::Result<std::string> SubscriptionStore::CustomerOf(store::Executor& x, int64_t user_id,
                                                        std::string_view provider) {
  auto rows = x.Query(
      "SELECT provider_customer FROM subscriptions WHERE user_id = ? AND provider = ? AND "
      "provider_customer <> '' ORDER BY id DESC LIMIT 1",
      {user_id, std::string(provider)});
  if (!rows.ok()) return rows.error();
  return rows->empty() ? std::string() : rows->front().Text(0);
}

core::Result<std::optional<ProviderRow>> SubscriptionStore::FindByProviderRef(
    store::Executor& tx, std::string_view provider, std::string_view ref) {
  auto rows = tx.Query(
      "SELECT id, user_id, plan_id, provider_updated_at, current_period_end, status "
      "FROM subscriptions WHERE provider = ? AND provider_ref = ?",
      {std::string(provider), std::string(ref)});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<ProviderRow>();
  const auto& r = rows->front();
  return std::optional<ProviderRow>(
      ProviderRow{r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Text(5)});
}

core::Result<int64_t> SubscriptionStore::UserForCustomer(store::Executor& tx,
                                                         std::string_view provider,
                                                         std::string_view customer_ref) {
  auto rows = tx.Query(
      "SELECT user_id FROM subscriptions WHERE provider = ? AND provider_customer = ? "
      "ORDER BY id DESC LIMIT 1",
      {std::string(provider), std::string(customer_ref)});
  if (!rows.ok()) return rows.error();
  return rows->empty() ? 0 : rows->front().Int(0);
}

core::Result<void> SubscriptionStore::InsertFromProvider(store::Executor& tx,
                                                         const ProviderWrite& w) {
  const ProviderSubscription& s = *w.report;
  DL_TRY(tx.Run(
      "INSERT INTO subscriptions (user_id, plan_id, provider, provider_ref, provider_customer, "
      "status, current_period_end, cancel_at_period_end, provider_updated_at, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {w.user_id, w.plan_id, w.provider, s.ref, s.customer_ref, std::string(StatusName(s.status)),
       s.current_period_end, int64_t{s.cancel_at_period_end}, w.stamp, w.now, w.now}));
  return AnnounceSubscriptionChange(tx, w.user_id, w.now);
}

core::Result<void> SubscriptionStore::UpdateFromProvider(store::Executor& tx, int64_t id,
                                                         const ProviderWrite& w) {
  const ProviderSubscription& s = *w.report;
  DL_TRY(tx.Run(
      "UPDATE subscriptions SET user_id = ?, plan_id = ?, status = ?, current_period_end = ?, "
      "provider_customer = ?, cancel_at_period_end = ?, provider_updated_at = ?, "
      "updated_at = ? WHERE id = ?",
      {w.user_id, w.plan_id, std::string(StatusName(s.status)), s.current_period_end,
       s.customer_ref, int64_t{s.cancel_at_period_end}, w.stamp, w.now, id}));
  return AnnounceSubscriptionChange(tx, w.user_id, w.now);
}

core::Result<void> SubscriptionStore::MarkRenewed(store::Executor& tx, int64_t id,
                                                  int64_t period_end, int64_t stamp, int64_t now) {
  DL_TRY(
      tx.Run("UPDATE subscriptions SET status = 'active', current_period_end = ?, "
             "provider_updated_at = ?, updated_at = ? WHERE id = ?",
             {period_end, stamp, now, id}));
  return AnnounceChangeOf(tx, id, now);
}

core::Result<void> SubscriptionStore::MarkPastDue(store::Executor& tx, int64_t id, int64_t stamp,
                                                  int64_t now) {
  DL_TRY(tx.Run(
      "UPDATE subscriptions SET status = 'past_due', provider_updated_at = ?, updated_at = ? "
      "WHERE id = ?",
      {stamp, now, id}));
  return AnnounceChangeOf(tx, id, now);
}

core::Result<bool> SubscriptionStore::RecordEvent(store::Executor& tx, std::string_view provider,
                                                  std::string_view event_id, std::string_view type,
                                                  int64_t created, int64_t now) {
  auto inserted = tx.Execute(
      "INSERT INTO payment_events (provider, event_id, type, created, received_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (provider, event_id) DO NOTHING",
      {std::string(provider), std::string(event_id), std::string(type), created, now});
  if (!inserted.ok()) return inserted.error();
  return *inserted == 1;
}

core::Result<void> SubscriptionStore::SetEventOutcome(store::Executor& tx,
                                                      std::string_view provider,
                                                      std::string_view event_id,
                                                      std::string_view outcome) {
  return tx.Run("UPDATE payment_events SET outcome = ? WHERE provider = ? AND event_id = ?",
                {std::string(outcome), std::string(provider), std::string(event_id)});
}

core::Result<void> SubscriptionStore::InsertGift(store::Executor& tx, const std::string& code_hash,
                                                 int64_t plan_id, int64_t days, int64_t expires_at,
                                                 int64_t now) {
  return tx.Run(
      "INSERT INTO gift_codes (code_hash, plan_id, days, expires_at, created_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {code_hash, plan_id, days, expires_at, now});
}

core::Result<std::optional<OpenGift>> SubscriptionStore::OpenGiftByHash(
    store::Executor& tx, const std::string& code_hash, int64_t now) {
  auto rows = tx.Query(
      "SELECT id, plan_id, days FROM gift_codes WHERE code_hash = ? AND redeemed_at IS NULL AND "
      "expires_at > ?",
      {code_hash, now});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<OpenGift>();
  const auto& r = rows->front();
  return std::optional<OpenGift>(OpenGift{r.Int(0), r.Int(1), r.Int(2)});
}

core::Result<bool> SubscriptionStore::ClaimGift(store::Executor& tx, int64_t gift_id,
                                                int64_t user_id, int64_t now) {
  auto claimed = tx.Execute(
      "UPDATE gift_codes SET redeemed_by = ?, redeemed_at = ? WHERE id = ? AND "
      "redeemed_at IS NULL",
      {user_id, now, gift_id});
  if (!claimed.ok()) return claimed.error();
  return *claimed == 1;
}

core::Result<std::vector<GiftRow>> SubscriptionStore::Gifts(store::Executor& x, int64_t before_id,
                                                            int limit) {
  auto rows = x.Query(
      "SELECT g.id, COALESCE(p.name, ''), g.days, g.expires_at, g.created_at, "
      "COALESCE(g.redeemed_by, 0), COALESCE(g.redeemed_at, 0) FROM gift_codes g "
      "LEFT JOIN plans p ON p.id = g.plan_id WHERE (? = 0 OR g.id < ?) ORDER BY g.id DESC LIMIT ?",
      {before_id, before_id, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<GiftRow> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5), r.Int(6)});
  }
  return out;
}

core::Result<int64_t> SubscriptionStore::GiftCount(store::Executor& x) {
  auto row = x.QueryOne("SELECT COUNT(*) FROM gift_codes");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<bool> SubscriptionStore::HasPendingRequest(store::Executor& x, int64_t user_id,
                                                        std::string_view kind) {
  auto rows = x.Query(
      "SELECT id FROM subscription_requests WHERE user_id = ? AND kind = ? AND status = 'pending'",
      {user_id, std::string(kind)});
  if (!rows.ok()) return rows.error();
  return !rows->empty();
}

core::Result<int64_t> SubscriptionStore::InsertRequest(store::Executor& tx, const RequestRow& r,
                                                       int64_t plan_id) {
  auto row = tx.WriteOne(
      "INSERT INTO subscription_requests (user_id, kind, plan_id, full_name, postal_address, "
      "account_number, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {r.user_id, r.kind, plan_id ? store::Value(plan_id) : store::Value(), r.full_name,
       r.postal_address, r.account_number, r.note, r.created_at});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<std::optional<RequestRow>> SubscriptionStore::Request(store::Executor& x, int64_t id) {
  return OneRequest(x.Query("SELECT " + std::string(kRequestColumns) + "WHERE r.id = ?", {id}));
}

core::Result<std::optional<RequestRow>> SubscriptionStore::PendingRequestOf(store::Executor& x,
                                                                            int64_t user_id) {
  return OneRequest(
      x.Query("SELECT " + std::string(kRequestColumns) +
                  "WHERE r.user_id = ? AND r.status = 'pending' ORDER BY r.id LIMIT 1",
              {user_id}));
}

core::Result<std::vector<RequestRow>> SubscriptionStore::PendingRequests(store::Executor& x,
                                                                         int64_t after_id,
                                                                         int limit) {
  auto rows = x.Query("SELECT " + std::string(kRequestColumns) +
                          "WHERE r.status = 'pending' AND r.id > ? ORDER BY r.id LIMIT ?",
                      {after_id, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<RequestRow> out;
  for (const auto& r : *rows) out.push_back(RequestFromRow(r));
  return out;
}

core::Result<int64_t> SubscriptionStore::PendingRequestCount(store::Executor& x) {
  auto row = x.QueryOne("SELECT COUNT(*) FROM subscription_requests WHERE status = 'pending'");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<bool> SubscriptionStore::DecideRequest(store::Executor& tx, int64_t id,
                                                    std::string_view status, int64_t by_user_id,
                                                    int64_t now, std::string_view note) {
  auto claimed = tx.Execute(
      "UPDATE subscription_requests SET status = ?, decided_by = ?, decided_at = ?, "
      "decision_note = ? WHERE id = ? AND status = 'pending'",
      {std::string(status), by_user_id, now, std::string(note), id});
  if (!claimed.ok()) return claimed.error();
  return *claimed == 1;
}

core::Result<std::optional<int64_t>> SubscriptionStore::OpenedAt(store::Executor& x,
                                                                 int64_t user_id,
                                                                 int64_t article_id) {
  auto rows = x.Query("SELECT read_at FROM meter_reads WHERE user_id = ? AND article_id = ?",
                      {user_id, article_id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().Int(0));
}

core::Result<int64_t> SubscriptionStore::OpenedSince(store::Executor& x, int64_t user_id,
                                                     int64_t since) {
  auto row = x.QueryOne("SELECT COUNT(*) FROM meter_reads WHERE user_id = ? AND read_at > ?",
                        {user_id, since});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<void> SubscriptionStore::RecordOpen(store::Executor& tx, int64_t user_id,
                                                 int64_t article_id, int64_t now) {
  return tx.Run(
      "INSERT INTO meter_reads (user_id, article_id, read_at) VALUES (?, ?, ?) "
      "ON CONFLICT (user_id, article_id) DO UPDATE SET read_at = excluded.read_at",
      {user_id, article_id, now});
}

core::Result<int64_t> SubscriptionStore::ForgetOpensBefore(store::Executor& x, int64_t cutoff) {
  return x.Execute("DELETE FROM meter_reads WHERE read_at <= ?", {cutoff});
}

core::Result<int64_t> SubscriptionStore::CountStartedSince(store::Executor& x, int64_t since) {
  auto row = x.QueryOne("SELECT COUNT(*) FROM subscriptions WHERE created_at >= ?", {since});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

}  // namespace dateline::subscriptions
