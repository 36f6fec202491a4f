#include "subscriptions/subscription.hpp"

namespace dateline::subscriptions {

std::string FormatAmount(int64_t cents) {
  return std::to_string(cents / 100) + (cents % 100 < 10 ? ".0" : ".") +
         std::to_string(cents % 100);
}

const char* StatusName(Status s) {
  switch (s) {
    case Status::kActive:
      return "active";
    case Status::kTrialing:
      return "trialing";
    case Status::kPastDue:
      return "past_due";
    case Status::kCanceled:
      return "canceled";
    case Status::kIncomplete:
      return "incomplete";
  }
  return "incomplete";
}

std::optional<Status> ParseStatus(std::string_view text) {
  for (Status s : {Status::kActive, Status::kTrialing, Status::kPastDue, Status::kCanceled,
                   Status::kIncomplete}) {
    if (text == StatusName(s)) return s;
  }
  return std::nullopt;
}

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
