#include "subscriptions/subscription_events.hpp"

#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "subscriptions/subscription_store.hpp"
#include "webhooks/announce.hpp"

namespace dateline::subscriptions {
namespace {

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kPaid:
      return "paid";
    case Kind::kComplimentary:
      return "complimentary";
    case Kind::kGift:
      return "gift";
    case Kind::kOffline:
      return "offline";
  }
  return "";
}

}  // namespace

core::Result<void> AnnounceSubscriptionChange(store::Executor& tx, int64_t user_id, int64_t now) {
  auto latest = SubscriptionStore::Latest(tx, user_id);
  if (!latest.ok()) return latest.error();
  boost::json::object data{{"member_id", user_id}};
  if (*latest) {
    const Subscription& s = **latest;
    data["subscription"] =
        boost::json::object{{"id", s.id},
                            {"plan", s.plan.code},
                            {"kind", KindName(KindOf(s))},
                            {"status", StatusName(s.status)},
                            {"current_period_end", core::FormatIso8601(s.current_period_end)},
                            {"cancel_at_period_end", s.cancel_at_period_end}};
  } else {
    data["subscription"] = nullptr;
  }
  return webhooks::Announce(tx, "subscription.changed", boost::json::serialize(data), now);
}

}  // namespace dateline::subscriptions
