#pragma once
// Applies what a payment provider reports to our subscriptions, inside the caller's
// transaction. Events may arrive late, twice, or out of order: each is recorded once by id,
// and a subscription row remembers the time of the newest report applied to it
// (provider_updated_at), so an older report never overwrites a newer one.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/db.hpp"
#include "subscriptions/provider_subscription.hpp"

namespace dateline::subscriptions {

// Records a provider event; false if it was recorded before (a replay: do nothing).
core::Result<bool> RecordPaymentEvent(store::Executor& tx, std::string_view provider,
                                      std::string_view event_id, std::string_view type,
                                      int64_t created, int64_t now);
core::Result<void> SetPaymentEventOutcome(store::Executor& tx, std::string_view provider,
                                          std::string_view event_id, std::string_view outcome);

// Creates or updates the subscription the provider describes, as of `stamp`. Returns what
// happened, for the event record: "applied", "stale", "ignored: ...".
core::Result<std::string> ApplyProviderSubscription(store::Executor& tx, std::string_view provider,
                                                    const ProviderSubscription& s, int64_t stamp,
                                                    int64_t now);

// The stamp of the newest report applied to the provider's subscription `ref` (0: none).
// Stamps are whole seconds: a report no newer than this one may be older or newer in fact.
core::Result<int64_t> HeldReportStamp(store::Executor& ex, std::string_view provider,
                                      std::string_view ref);

// A renewal paid (active, to the period's end) or failed (past due; access continues for
// the grace period).
core::Result<std::string> ApplyInvoice(store::Executor& tx, std::string_view provider,
                                       std::string_view subscription_ref, bool paid,
                                       int64_t period_end, int64_t stamp, int64_t now);

}  // namespace dateline::subscriptions
