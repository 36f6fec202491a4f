#pragma once
// Subscriptions: plans, a reader's subscription, and the one rule that says whether it
// gives digital access. No I/O here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline::subscriptions {

struct Plan {
  int64_t id = 0;
  std::string code;  // "digital-monthly"
  std::string name;
  std::string description;
  int64_t price_cents = 0;
  std::string currency = "USD";
  std::string period = "month";  // month | year
  std::string stripe_price;      // Stripe's price id ("price_..."); empty: not sold online
};

// 900 -> "9.00": an amount in minor units, for people to read.
std::string FormatAmount(int64_t cents);

enum class Status { kActive, kTrialing, kPastDue, kCanceled, kIncomplete };
const char* StatusName(Status s);
std::optional<Status> ParseStatus(std::string_view text);

struct Subscription {
  int64_t id = 0;
  int64_t user_id = 0;
  Plan plan;
  std::string provider;      // "manual" (comps), "gift", "offline" (approved requests), "stripe"
  std::string provider_ref;  // the provider's id for it ("sub_...")
  std::string customer_ref;  // the provider's id for the payer ("cus_...")
  Status status = Status::kIncomplete;
  int64_t current_period_end = 0;
  bool cancel_at_period_end = false;  // runs to the period end, then stops
};

// What kind of subscription it is, for the words and controls readers see: a paid one
// renews and is managed with the provider; a complimentary one (given by the newsroom),
// a gift (a redeemed code) and an offline one (paid by invoice or with a print
// subscription, approved by staff) simply run to a date.
enum class Kind { kPaid, kComplimentary, kGift, kOffline };
Kind KindOf(const Subscription& s);

// The entitlement rule, in one place: active or trialing until the period ends; past due
// keeps access for a grace period after it; canceled runs to the end of what was paid.
bool GrantsAccess(const Subscription& s, int64_t now, int64_t past_due_grace_seconds);

}  // namespace dateline::subscriptions
