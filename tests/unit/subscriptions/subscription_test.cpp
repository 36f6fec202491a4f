#include "subscriptions/subscription.hpp"

#include <gtest/gtest.h>

namespace dateline::subscriptions {
namespace {

TEST(SubscriptionTest, OneEntitlementRule) {
  constexpr int64_t kEnd = 1000, kGrace = 100;
  struct Case {
    Status status;
    int64_t now;
    bool access;
  } cases[] = {
      {Status::kActive, 999, true},    {Status::kActive, 1000, false},
      {Status::kTrialing, 500, true},  {Status::kTrialing, 1001, false},
      {Status::kPastDue, 1099, true},  {Status::kPastDue, 1100, false},
      {Status::kCanceled, 999, true},  {Status::kCanceled, 1000, false},
      {Status::kIncomplete, 1, false},
  };
  for (const auto& c : cases) {
    Subscription s;
    s.status = c.status;
    s.current_period_end = kEnd;
    EXPECT_EQ(GrantsAccess(s, c.now, kGrace), c.access) << StatusName(c.status) << " " << c.now;
  }
  EXPECT_EQ(ParseStatus("past_due"), Status::kPastDue);
  EXPECT_EQ(ParseStatus("paused"), std::nullopt);
  EXPECT_EQ(FormatAmount(900), "9.00");
  EXPECT_EQ(FormatAmount(9005), "90.05");
  EXPECT_EQ(FormatAmount(0), "0.00");
}

}  // namespace
}  // namespace dateline::subscriptions
