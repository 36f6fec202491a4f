#pragma once
// The subscriptions domain's tables and their SQL: plans, subscriptions, payment_events,
// gift_codes, subscription_requests and meter_reads. The services decide; this reads and
// writes. Every function takes the executor to run on (the Db, or the caller's
// transaction).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/db.hpp"
#include "subscriptions/provider_subscription.hpp"
#include "subscriptions/subscription.hpp"

namespace dateline::subscriptions {

// A subscription row as a provider's report is matched against it.
struct ProviderRow {
  int64_t id = 0;
  int64_t user_id = 0;
  int64_t plan_id = 0;
  int64_t updated_stamp = 0;  // the newest report applied
  int64_t period_end = 0;
  std::string status;
};

// A subscription row from a provider's report.
struct ProviderWrite {
  int64_t user_id = 0;
  int64_t plan_id = 0;
  std::string provider;
  const ProviderSubscription* report = nullptr;
  int64_t stamp = 0;
  int64_t now = 0;
};

// A gift code that may still be redeemed.
struct OpenGift {
  int64_t id = 0;
  int64_t plan_id = 0;
  int64_t days = 0;
};

// A gift code as admins see it: never the code, only what it gives and who used it.
struct GiftRow {
  int64_t id = 0;
  std::string plan_name;
  int64_t days = 0;
  int64_t expires_at = 0;
  int64_t created_at = 0;
  int64_t redeemed_by = 0;  // user id; 0 while unused
  int64_t redeemed_at = 0;
};

// A subscription request as stored (the reader's email is accounts' to tell).
struct RequestRow {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string kind;  // subscribe | print
  std::string plan_code, plan_name;
  std::string full_name, postal_address, account_number, note;
  std::string status;  // pending | approved | declined
  int64_t created_at = 0;
};

class SubscriptionStore {
 public:
  // Subscriptions that began at or after `since` (paid, comped or gifted).
  static core::Result<int64_t> CountStartedSince(store::Executor& x, int64_t since);
  // Plans.
  static core::Result<std::vector<Plan>> ActivePlans(store::Executor& x);
  static core::Result<std::optional<Plan>> PlanByCode(store::Executor& x, std::string_view code);
  static core::Result<std::optional<Plan>> PlanById(store::Executor& x, int64_t id);
  static core::Result<std::optional<int64_t>> PlanIdForPrice(store::Executor& x,
                                                             std::string_view price_ref);
  // Adds the plan, or updates (and reactivates) the one with its code; the plan's id.
  static core::Result<int64_t> SavePlan(store::Executor& x, const Plan& plan, int64_t now);
  // Rows changed: 0 when no plan has the code.
  static core::Result<int64_t> SetPlanActive(store::Executor& x, std::string_view code,
                                             bool active);

  // Subscriptions.
  // The reader's subscription ending last, if any.
  static core::Result<std::optional<Subscription>> Latest(store::Executor& x, int64_t user_id);
  // Every subscription of the reader (provider, status, period end, cancel flag).
  static core::Result<std::vector<Subscription>> AllOf(store::Executor& x, int64_t user_id);
  // Replaces the reader's subscription from `provider` with a new active one; its id.
  static core::Result<int64_t> Replace(store::Executor& tx, int64_t user_id, int64_t plan_id,
                                       std::string_view provider, std::string_view provider_ref,
                                       int64_t until, int64_t now);
  // Ends every running subscription of the reader now (only `provider`'s, when given);
  // how many.
  static core::Result<int64_t> EndAll(store::Executor& x, int64_t user_id, int64_t now,
                                      std::optional<std::string_view> provider = std::nullopt);
  // The payer's id at the provider from the reader's latest subscription there, or "".
  static core::Result<std::string> CustomerOf(store::Executor& x, int64_t user_id,
                                              std::string_view provider);

  // What payment providers report.
  static core::Result<std::optional<ProviderRow>> FindByProviderRef(store::Executor& tx,
                                                                    std::string_view provider,
                                                                    std::string_view ref);
  // The reader who holds another subscription with this payer (0: nobody).
  static core::Result<int64_t> UserForCustomer(store::Executor& tx, std::string_view provider,
                                               std::string_view customer_ref);
  static core::Result<void> InsertFromProvider(store::Executor& tx, const ProviderWrite& w);
  static core::Result<void> UpdateFromProvider(store::Executor& tx, int64_t id,
                                               const ProviderWrite& w);
  static core::Result<void> MarkRenewed(store::Executor& tx, int64_t id, int64_t period_end,
                                        int64_t stamp, int64_t now);
  static core::Result<void> MarkPastDue(store::Executor& tx, int64_t id, int64_t stamp,
                                        int64_t now);
  // False when the event was recorded before (a replay).
  static core::Result<bool> RecordEvent(store::Executor& tx, std::string_view provider,
                                        std::string_view event_id, std::string_view type,
                                        int64_t created, int64_t now);
  static core::Result<void> SetEventOutcome(store::Executor& tx, std::string_view provider,
                                            std::string_view event_id, std::string_view outcome);

  // Gift codes (kept as keyed hashes only).
  static core::Result<void> InsertGift(store::Executor& tx, const std::string& code_hash,
                                       int64_t plan_id, int64_t days, int64_t expires_at,
                                       int64_t now);
  static core::Result<std::optional<OpenGift>> OpenGiftByHash(store::Executor& tx,
                                                              const std::string& code_hash,
                                                              int64_t now);
  // False when someone redeemed it first.
  static core::Result<bool> ClaimGift(store::Executor& tx, int64_t gift_id, int64_t user_id,
                                      int64_t now);
  // Newest first, before `before_id` (0: from the newest).
  static core::Result<std::vector<GiftRow>> Gifts(store::Executor& x, int64_t before_id, int limit);
  static core::Result<int64_t> GiftCount(store::Executor& x);

  // Subscription requests.
  static core::Result<bool> HasPendingRequest(store::Executor& x, int64_t user_id,
                                              std::string_view kind);
  static core::Result<int64_t> InsertRequest(store::Executor& tx, const RequestRow& row,
                                             int64_t plan_id);
  static core::Result<std::optional<RequestRow>> Request(store::Executor& x, int64_t id);
  static core::Result<std::optional<RequestRow>> PendingRequestOf(store::Executor& x,
                                                                  int64_t user_id);
  // Pending, oldest first, after `after_id`.
  static core::Result<std::vector<RequestRow>> PendingRequests(store::Executor& x, int64_t after_id,
                                                               int limit);
  static core::Result<int64_t> PendingRequestCount(store::Executor& x);
  // Decides a pending request; false when it was decided already.
  static core::Result<bool> DecideRequest(store::Executor& tx, int64_t id, std::string_view status,
                                          int64_t by_user_id, int64_t now, std::string_view note);

  // The article meter: which articles a reader opened, and when.
  static core::Result<std::optional<int64_t>> OpenedAt(store::Executor& x, int64_t user_id,
                                                       int64_t article_id);
  static core::Result<int64_t> OpenedSince(store::Executor& x, int64_t user_id, int64_t since);
  static core::Result<void> RecordOpen(store::Executor& tx, int64_t user_id, int64_t article_id,
                                       int64_t now);
  static core::Result<int64_t> ForgetOpensBefore(store::Executor& x, int64_t cutoff);
};

}  // namespace dateline::subscriptions
