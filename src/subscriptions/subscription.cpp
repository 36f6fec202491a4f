#include "subscriptions/subscription.hpp"

#include "core/enum_names.hpp"

namespace dateline::subscriptions {
namespace {

// The first entry is what an unknown value reads as: no access.
constexpr core::EnumNames<Status, 5> kStatuses{{{{Status::kIncomplete, "incomplete"},
                                                 {Status::kActive, "active"},
                                                 {Status::kTrialing, "trialing"},
                                                 {Status::kPastDue, "past_due"},
                                                 {Status::kCanceled, "canceled"}}}};

}  // namespace

std::string FormatAmount(int64_t cents) {
  return std::to_string(cents / 100) + (cents % 100 < 10 ? ".0" : ".") +
         std::to_string(cents % 100);
}

const char* StatusName(Status s) { return kStatuses.Name(s); }

std::optional<Status> ParseStatus(std::string_view text) { return kStatuses.Parse(text); }

Kind KindOf(const Subscription& s) {
  if (s.provider == "gift") return Kind::kGift;
  if (s.provider == "manual") return Kind::kComplimentary;
  if (s.provider == "offline") return Kind::kOffline;
  return Kind::kPaid;
}

bool GrantsAccess(const Subscription& s, int64_t now, int64_t past_due_grace_seconds) {
  switch (s.status) {
    case Status::kActive:
    case Status::kTrialing:
    case Status::kCanceled:
      return now < s.current_period_end;
    case Status::kPastDue:
      return now < s.current_period_end + past_due_grace_seconds;
    case Status::kIncomplete:
      return false;
  }
  return false;
}

}  // namespace dateline::subscriptions
