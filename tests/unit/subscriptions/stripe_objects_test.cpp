#include "subscriptions/stripe_objects.hpp"

#include <gtest/gtest.h>

namespace dateline::subscriptions {
namespace {

TEST(StripeObjectsTest, ReadsASubscriptionEventInTheCurrentShape) {
  // Since API version 2025-03-31 the period lives on the subscription items.
  auto e = ParseStripeEvent(R"({"id":"evt_1","object":"event","created":1700000000,
    "type":"customer.subscription.updated","data":{"object":{"id":"sub_1","object":"subscription",
    "customer":"cus_1","status":"past_due","cancel_at_period_end":true,
    "metadata":{"user_id":"42","plan":"digital-monthly"},
    "items":{"object":"list","data":[{"id":"si_1","price":{"id":"price_m"},
    "current_period_end":1702592000}]}}}})");
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->kind, StripeEvent::Kind::kSubscription);
  EXPECT_EQ(e->subscription.ref, "sub_1");
  EXPECT_EQ(e->subscription.customer_ref, "cus_1");
  EXPECT_EQ(e->subscription.price_ref, "price_m");
  EXPECT_EQ(e->subscription.plan_code, "digital-monthly");
  EXPECT_EQ(e->subscription.user_id, 42);
  EXPECT_EQ(e->subscription.status, Status::kPastDue);
  EXPECT_EQ(e->subscription.current_period_end, 1702592000);
  EXPECT_TRUE(e->subscription.cancel_at_period_end);
}

TEST(StripeObjectsTest, ReadsTheOlderShapeAndCutsAnEndedSubscriptionShort) {
  auto e = ParseStripeEvent(R"({"id":"evt_2","created":1700000000,
    "type":"customer.subscription.deleted","data":{"object":{"id":"sub_1","object":"subscription",
    "customer":{"id":"cus_1","object":"customer"},"status":"canceled","ended_at":1700000500,
    "current_period_end":1702592000,"plan":{"id":"price_old"},"metadata":{}}}})");
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->subscription.customer_ref, "cus_1") << "an expanded customer";
  EXPECT_EQ(e->subscription.price_ref, "price_old");
  EXPECT_EQ(e->subscription.status, Status::kCanceled);
  EXPECT_EQ(e->subscription.current_period_end, 1700000500);
  EXPECT_EQ(e->subscription.user_id, 0);
}

TEST(StripeObjectsTest, MapsEveryStripeStatusToOneOfOurs) {
  const std::pair<const char*, Status> cases[] = {
      {"active", Status::kActive},           {"trialing", Status::kTrialing},
      {"past_due", Status::kPastDue},        {"unpaid", Status::kPastDue},
      {"canceled", Status::kCanceled},       {"incomplete_expired", Status::kCanceled},
      {"paused", Status::kCanceled},         {"incomplete", Status::kIncomplete},
      {"something_new", Status::kIncomplete}};
  for (const auto& [stripe, ours] : cases) {
    auto s = ParseStripeSubscription(
        std::string(R"({"id":"sub_1","object":"subscription","status":")") + stripe + "\"}");
    ASSERT_TRUE(s.ok()) << stripe;
    EXPECT_EQ(s->status, ours) << stripe;
  }
}

TEST(StripeObjectsTest, ReadsInvoicesAndCheckoutSessionsInBothShapes) {
  auto paid = ParseStripeEvent(R"({"id":"evt_3","created":1,"type":"invoice.paid","data":{"object":{
    "id":"in_1","object":"invoice","customer":"cus_1",
    "parent":{"subscription_details":{"subscription":"sub_9"}},
    "lines":{"data":[{"period":{"start":1,"end":1702592000}}]}}}})");
  ASSERT_TRUE(paid.ok());
  EXPECT_EQ(paid->kind, StripeEvent::Kind::kInvoicePaid);
  EXPECT_EQ(paid->subscription_ref, "sub_9");
  EXPECT_EQ(paid->period_end, 1702592000);
  auto failed = ParseStripeEvent(R"({"id":"evt_4","created":1,"type":"invoice.payment_failed",
    "data":{"object":{"id":"in_2","subscription":"sub_8"}}})");
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->kind, StripeEvent::Kind::kInvoiceFailed);
  EXPECT_EQ(failed->subscription_ref, "sub_8");
  auto done = ParseStripeEvent(R"({"id":"evt_5","created":1,"type":"checkout.session.completed",
    "data":{"object":{"id":"cs_1","object":"checkout.session","subscription":"sub_7",
    "customer":"cus_7","client_reference_id":"12"}}})");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->kind, StripeEvent::Kind::kCheckoutCompleted);
  EXPECT_EQ(done->subscription_ref, "sub_7");
  EXPECT_EQ(done->user_id, 12);
  auto other = ParseStripeEvent(R"({"id":"evt_6","created":1,"type":"customer.created",
    "data":{"object":{"id":"cus_1"}}})");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->kind, StripeEvent::Kind::kOther);
}

TEST(StripeObjectsTest, RefusesWhatIsNotAnEvent) {
  for (const char* text : {"", "not json", "[]", "{}", R"({"id":"evt_1","type":"x"})",
                           R"({"id":"evt_1","type":"x","created":1,"data":{}})",
                           R"({"id":"evt_1","type":"customer.subscription.updated","created":1,
                             "data":{"object":{"status":"active"}}})",
                           "{\"id\":\"evt_\xff\"}"}) {
    auto e = ParseStripeEvent(text);
    EXPECT_FALSE(e.ok()) << text;
    if (!e.ok()) {
      EXPECT_EQ(e.error().code, core::ErrorCode::kInvalidArgument);
    }
  }
}

TEST(StripeObjectsTest, ReadsApiAnswersAndErrors) {
  auto url = StripeAnswerField(R"({"id":"cs_1","url":"https://checkout.example/c/1"})", "url");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(*url, "https://checkout.example/c/1");
  auto err = StripeAnswerField(
      R"({"error":{"type":"invalid_request_error","message":"No such price: 'x'"}})", "url");
  ASSERT_FALSE(err.ok());
  EXPECT_NE(err.error().message.find("No such price"), std::string::npos);
  EXPECT_FALSE(StripeAnswerField("<html>", "url").ok());
}

}  // namespace
}  // namespace dateline::subscriptions
