#include "subscriptions/provider_sync.hpp"

#include <algorithm>
#include <optional>

#include "accounts/user_store.hpp"
#include "subscriptions/subscription_store.hpp"

namespace dateline::subscriptions {
namespace {

// Whose subscription this is: the id we attached at checkout, else the reader who already
// holds it or another subscription with the same customer. 0: nobody we know.
core::Result<int64_t> OwnerOf(store::Executor& tx, std::string_view provider,
                              const ProviderSubscription& s,
                              const std::optional<ProviderRow>& row) {
  if (s.user_id > 0) {
    auto exists = accounts::UserStore::Exists(tx, s.user_id);
    if (!exists.ok()) return exists.error();
    return *exists ? s.user_id : 0;
  }
  if (row) return row->user_id;
  if (s.customer_ref.empty()) return 0;
  return SubscriptionStore::UserForCustomer(tx, provider, s.customer_ref);
}

core::Result<int64_t> PlanOf(store::Executor& tx, const ProviderSubscription& s,
                             const std::optional<ProviderRow>& row) {
  if (!s.price_ref.empty()) {
    auto id = SubscriptionStore::PlanIdForPrice(tx, s.price_ref);
    if (!id.ok()) return id.error();
    if (*id) return **id;
  }
  if (!s.plan_code.empty()) {
    auto plan = SubscriptionStore::PlanByCode(tx, s.plan_code);
    if (!plan.ok()) return plan.error();
    if (*plan) return (*plan)->id;
  }
  return row ? row->plan_id : 0;
}

}  // namespace

core::Result<bool> RecordPaymentEvent(store::Executor& tx, std::string_view provider,
                                      std::string_view event_id, std::string_view type,
                                      int64_t created, int64_t now) {
  return SubscriptionStore::RecordEvent(tx, provider, event_id, type, created, now);
}

core::Result<void> SetPaymentEventOutcome(store::Executor& tx, std::string_view provider,
                                          std::string_view event_id, std::string_view outcome) {
  return SubscriptionStore::SetEventOutcome(tx, provider, event_id, outcome);
}

core::Result<std::string> ApplyProviderSubscription(store::Executor& tx, std::string_view provider,
                                                    const ProviderSubscription& s, int64_t stamp,
                                                    int64_t now) {
  auto row = SubscriptionStore::FindByProviderRef(tx, provider, s.ref);
  if (!row.ok()) return row.error();
  if (*row && (*row)->updated_stamp > stamp) return std::string("stale");
  auto owner = OwnerOf(tx, provider, s, *row);
  if (!owner.ok()) return owner.error();
  if (*owner == 0) return std::string("ignored: no reader for this subscription");
  auto plan = PlanOf(tx, s, *row);
  if (!plan.ok()) return plan.error();
  if (*plan == 0) return "ignored: no plan sells price '" + s.price_ref + "'";
  ProviderWrite write{*owner, *plan, std::string(provider), &s, stamp, now};
  DL_TRY(*row ? SubscriptionStore::UpdateFromProvider(tx, (*row)->id, write)
              : SubscriptionStore::InsertFromProvider(tx, write));
  return std::string("applied");
}

core::Result<int64_t> HeldReportStamp(store::Executor& ex, std::string_view provider,
                                      std::string_view ref) {
  auto row = SubscriptionStore::FindByProviderRef(ex, provider, ref);
  if (!row.ok()) return row.error();
  return *row ? (*row)->updated_stamp : 0;
}

core::Result<std::string> ApplyInvoice(store::Executor& tx, std::string_view provider,
                                       std::string_view subscription_ref, bool paid,
                                       int64_t period_end, int64_t stamp, int64_t now) {
  if (subscription_ref.empty()) return std::string("ignored: not a subscription invoice");
  auto row = SubscriptionStore::FindByProviderRef(tx, provider, subscription_ref);
  if (!row.ok()) return row.error();
  // The subscription's own event carries its whole state; it will create the row.
  if (!*row) return std::string("ignored: unknown subscription");
  if ((*row)->updated_stamp > stamp) return std::string("stale");
  if ((*row)->status == "canceled") return std::string("ignored: subscription canceled");
  DL_TRY(paid ? SubscriptionStore::MarkRenewed(tx, (*row)->id,
                                               std::max((*row)->period_end, period_end), stamp, now)
              : SubscriptionStore::MarkPastDue(tx, (*row)->id, stamp, now));
  return std::string("applied");
}

}  // namespace dateline::subscriptions
