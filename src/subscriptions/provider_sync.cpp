#include "subscriptions/provider_sync.hpp"

#include <algorithm>
#include <optional>

namespace dateline::subscriptions {
namespace {

struct Existing {
  int64_t id, user_id, plan_id, updated_stamp, period_end;
  std::string status;
};

core::Result<std::optional<Existing>> FindByRef(store::Executor& tx, std::string_view provider,
                                                std::string_view ref) {
  auto rows = tx.Query(
      "SELECT id, user_id, plan_id, provider_updated_at, current_period_end, status "
      "FROM subscriptions WHERE provider = ? AND provider_ref = ?",
      {std::string(provider), std::string(ref)});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Existing>();
  const auto& r = rows->front();
  return std::optional<Existing>(
      Existing{r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Text(5)});
}

// Whose subscription this is: the id we attached at checkout, else the reader who already
// holds it or another subscription with the same customer. 0: nobody we know.
core::Result<int64_t> OwnerOf(store::Executor& tx, std::string_view provider,
                              const ProviderSubscription& s, const std::optional<Existing>& row) {
  if (s.user_id > 0) {
    auto user = tx.Query("SELECT id FROM users WHERE id = ?", {s.user_id});
    if (!user.ok()) return user.error();
    return user->empty() ? 0 : s.user_id;
  }
  if (row) return row->user_id;
  if (s.customer_ref.empty()) return 0;
  auto rows = tx.Query(
      "SELECT user_id FROM subscriptions WHERE provider = ? AND provider_customer = ? "
      "ORDER BY id DESC LIMIT 1",
      {std::string(provider), s.customer_ref});
  if (!rows.ok()) return rows.error();
  return rows->empty() ? 0 : rows->front().Int(0);
}

core::Result<int64_t> PlanOf(store::Executor& tx, const ProviderSubscription& s,
                             const std::optional<Existing>& row) {
  if (!s.price_ref.empty()) {
    auto rows =
        tx.Query("SELECT id FROM plans WHERE stripe_price = ? ORDER BY id LIMIT 1", {s.price_ref});
    if (!rows.ok()) return rows.error();
    if (!rows->empty()) return rows->front().Int(0);
  }
  if (!s.plan_code.empty()) {
    auto rows = tx.Query("SELECT id FROM plans WHERE code = ?", {s.plan_code});
    if (!rows.ok()) return rows.error();
    if (!rows->empty()) return rows->front().Int(0);
  }
  return row ? row->plan_id : 0;
}

}  // namespace

core::Result<bool> RecordPaymentEvent(store::Executor& tx, std::string_view provider,
                                      std::string_view event_id, std::string_view type,
                                      int64_t created, int64_t now) {
  auto inserted = tx.Execute(
      "INSERT INTO payment_events (provider, event_id, type, created, received_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (provider, event_id) DO NOTHING",
      {std::string(provider), std::string(event_id), std::string(type), created, now});
  if (!inserted.ok()) return inserted.error();
  return *inserted == 1;
}

core::Result<void> SetPaymentEventOutcome(store::Executor& tx, std::string_view provider,
                                          std::string_view event_id, std::string_view outcome) {
  auto r = tx.Execute("UPDATE payment_events SET outcome = ? WHERE provider = ? AND event_id = ?",
                      {std::string(outcome), std::string(provider), std::string(event_id)});
  if (!r.ok()) return r.error();
  return {};
}

core::Result<std::string> ApplyProviderSubscription(store::Executor& tx, std::string_view provider,
                                                    const ProviderSubscription& s, int64_t stamp,
                                                    int64_t now) {
  auto row = FindByRef(tx, provider, s.ref);
  if (!row.ok()) return row.error();
  if (*row && (*row)->updated_stamp > stamp) return std::string("stale");
  auto owner = OwnerOf(tx, provider, s, *row);
  if (!owner.ok()) return owner.error();
  if (*owner == 0) return std::string("ignored: no reader for this subscription");
  auto plan = PlanOf(tx, s, *row);
  if (!plan.ok()) return plan.error();
  if (*plan == 0) return "ignored: no plan sells price '" + s.price_ref + "'";
  core::Result<int64_t> written = int64_t{0};
  if (*row) {
    written = tx.Execute(
        "UPDATE subscriptions SET user_id = ?, plan_id = ?, status = ?, current_period_end = ?, "
        "provider_customer = ?, cancel_at_period_end = ?, provider_updated_at = ?, "
        "updated_at = ? WHERE id = ?",
        {*owner, *plan, std::string(StatusName(s.status)), s.current_period_end, s.customer_ref,
         int64_t{s.cancel_at_period_end}, stamp, now, (*row)->id});
  } else {
    written = tx.Execute(
        "INSERT INTO subscriptions (user_id, plan_id, provider, provider_ref, provider_customer, "
        "status, current_period_end, cancel_at_period_end, provider_updated_at, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {*owner, *plan, std::string(provider), s.ref, s.customer_ref,
         std::string(StatusName(s.status)), s.current_period_end, int64_t{s.cancel_at_period_end},
         stamp, now, now});
  }
  if (!written.ok()) return written.error();
  return std::string("applied");
}

core::Result<std::string> ApplyInvoice(store::Executor& tx, std::string_view provider,
                                       std::string_view subscription_ref, bool paid,
                                       int64_t period_end, int64_t stamp, int64_t now) {
  if (subscription_ref.empty()) return std::string("ignored: not a subscription invoice");
  auto row = FindByRef(tx, provider, subscription_ref);
  if (!row.ok()) return row.error();
  // The subscription's own event carries its whole state; it will create the row.
  if (!*row) return std::string("ignored: unknown subscription");
  if ((*row)->updated_stamp > stamp) return std::string("stale");
  if ((*row)->status == "canceled") return std::string("ignored: subscription canceled");
  core::Result<int64_t> written = int64_t{0};
  if (paid) {
    written = tx.Execute(
        "UPDATE subscriptions SET status = 'active', current_period_end = ?, "
        "provider_updated_at = ?, updated_at = ? WHERE id = ?",
        {std::max((*row)->period_end, period_end), stamp, now, (*row)->id});
  } else {
    written = tx.Execute(
        "UPDATE subscriptions SET status = 'past_due', provider_updated_at = ?, updated_at = ? "
        "WHERE id = ?",
        {stamp, now, (*row)->id});
  }
  if (!written.ok()) return written.error();
  return std::string("applied");
}

}  // namespace dateline::subscriptions
