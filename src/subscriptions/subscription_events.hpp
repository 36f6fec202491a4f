#pragma once
// What the webhooks hear of subscriptions: "subscription.changed", said inside the
// transaction of every change to a reader's subscriptions (a payment provider's report, a
// renewal or failure, a grant, a gift, an approval, an ending), with the subscription that
// now matters most for the member, or null when none is left.

#include <cstdint>

#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::subscriptions {

core::Result<void> AnnounceSubscriptionChange(store::Executor& tx, int64_t user_id, int64_t now);

}  // namespace dateline::subscriptions
