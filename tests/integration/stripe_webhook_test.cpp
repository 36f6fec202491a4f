// Stripe's webhook events applied to the store, on both stores, with a clock the test
// sets: signatures, replays, out-of-order delivery, unknown types, the whole lifecycle.
// Checkout completions are fetched from the Stripe stand-in, signed by it.

#include "subscriptions/stripe_webhook.hpp"

#include <gtest/gtest.h>

#include <ctime>

#include "store_fixture.hpp"
#include "stripe_standin.hpp"
#include "subscriptions/stripe_signature.hpp"
#include "subscriptions/subscription_service.hpp"

namespace dateline::testing {
namespace {

using subscriptions::Status;
constexpr int64_t kNow = 1'800'000'000;
constexpr int64_t kDay = 86400;

struct SubState {
  std::string type = "customer.subscription.updated";
  std::string status = "active";
  int64_t period_end = kNow + 30 * kDay;
  bool cancel = false;
  int64_t ended_at = 0;
  std::string user = "";  // metadata user_id
  std::string price = "price_monthly";
  std::string sub = "sub_1";
};

std::string SubscriptionEvent(const std::string& id, int64_t created, const SubState& s) {
  std::string metadata = s.user.empty() ? "{}" : "{\"user_id\":\"" + s.user + "\"}";
  return "{\"id\":\"" + id + "\",\"object\":\"event\",\"created\":" + std::to_string(created) +
         ",\"type\":\"" + s.type + "\",\"data\":{\"object\":{\"id\":\"" + s.sub +
         "\",\"object\":\"subscription\","
         "\"customer\":\"cus_1\",\"status\":\"" +
         s.status + "\",\"cancel_at_period_end\":" + (s.cancel ? "true" : "false") +
         ",\"ended_at\":" + (s.ended_at ? std::to_string(s.ended_at) : "null") +
         ",\"metadata\":" + metadata +
         ",\"items\":{\"object\":\"list\",\"data\":[{\"id\":\"si_1\",\"price\":{\"id\":\"" +
         s.price + "\"},\"current_period_end\":" + std::to_string(s.period_end) + "}]}}}}";
}

std::string InvoiceEvent(const std::string& id, int64_t created, const std::string& type,
                         int64_t period_end) {
  return "{\"id\":\"" + id + "\",\"object\":\"event\",\"created\":" + std::to_string(created) +
         ",\"type\":\"" + type +
         "\",\"data\":{\"object\":{\"id\":\"in_1\",\"object\":\"invoice\",\"customer\":\"cus_1\","
         "\"parent\":{\"subscription_details\":{\"subscription\":\"sub_1\"}},"
         "\"lines\":{\"data\":[{\"period\":{\"start\":1,\"end\":" +
         std::to_string(period_end) + "}}]}}}}";
}

class StripeWebhookTest : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(standin_.running());
    clock_.Set(kNow);
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    provider_ = subscriptions::MakeStripeProvider({standin_.base_url(), StripeStandin::kApiKey});
    webhook_ = std::make_unique<subscriptions::StripeWebhook>(*db_, *provider_, clock_,
                                                              StripeStandin::kWebhookSecret);
    subscriptions_ = std::make_unique<subscriptions::SubscriptionService>(*db_, clock_, 7 * kDay);
    ASSERT_TRUE(
        subscriptions_
            ->SavePlan(accounts::OperatorActor(), {0, "digital-monthly", "Digital, monthly", "",
                                                   900, "USD", "month", "price_monthly"})
            .ok());
    auto user = db_->WriteOne(
        "INSERT INTO users (email, display_name, password_hash, email_verified_at, created_at, "
        "updated_at) VALUES ('payer@example.org', 'Payer', 'x', 1, 1, 1) RETURNING id");
    ASSERT_TRUE(user.ok()) << user.error().message;
    user_id_ = user->Int(0);
  }

  core::Result<std::string> Deliver(const std::string& payload) {
    return webhook_->Receive(
        payload, subscriptions::StripeSignatureHeader(payload, StripeStandin::kWebhookSecret,
                                                      clock_.NowSeconds()));
  }
  int64_t Count(const std::string& table) {
    auto r = db_->QueryOne("SELECT COUNT(*) FROM " + table);
    return r.ok() ? r->Int(0) : -1;
  }
  std::optional<subscriptions::Subscription> Current() {
    auto c = subscriptions_->Current(user_id_);
    EXPECT_TRUE(c.ok());
    return c.ok() ? *c : std::nullopt;
  }
  bool HasAccess() {
    auto a = subscriptions_->HasDigitalAccess(user_id_);
    return a.ok() && *a;
  }
  SubState Mine() {
    SubState s;
    s.user = std::to_string(user_id_);
    return s;
  }

  // Buys the monthly plan at the stand-in and delivers its checkout.session.completed as
  // the stand-in signed it; the answer of that delivery.
  core::Result<std::string> PayAtTheStandin() {
    subscriptions::CheckoutRequest request;
    request.user_id = user_id_;
    request.email = "payer@example.org";
    request.plan = {0,     "digital-monthly", "Digital, monthly", "", 900,
                    "USD", "month",           "price_monthly"};
    request.success_url = "http://site.example/account";
    request.cancel_url = "http://site.example/subscribe";
    auto url = provider_->StartCheckout(request);
    if (!url.ok()) return url.error();
    // "Pay" with no webhook address set: the stand-in keeps the signed events for us.
    auto paid = standin_.Get(url->substr(standin_.base_url().size()));
    if (!paid || paid->status != 303)
      return core::Error::Unavailable("the stand-in did not take the payment");
    std::string events = standin_.EventsJson();
    auto completed = events.find("\"type\": \"checkout.session.completed\"");
    if (completed == std::string::npos) return core::Error::NotFound(events);
    // Each recorded event: {"id", "type", "status", "payload", "signature"}.
    auto field = [&](const std::string& name) {
      size_t at = events.find("\"" + name + "\": \"", completed) + name.size() + 5;
      std::string out;
      for (size_t i = at; events[i] != '"'; ++i) {
        if (events[i] == '\\') ++i;
        out += events[i];
      }
      return out;
    };
    std::string payload = field("payload"), signature = field("signature");
    return webhook_->Receive(payload, signature);
  }

  StripeStandin standin_;
  std::unique_ptr<subscriptions::PaymentProvider> provider_;
  std::unique_ptr<subscriptions::StripeWebhook> webhook_;
  std::unique_ptr<subscriptions::SubscriptionService> subscriptions_;
  int64_t user_id_ = 0;
};

TEST_F(StripeWebhookTest, BadSignaturesAndStaleTimestampsChangeNothing) {
  SubState s = Mine();
  s.type = "customer.subscription.created";
  std::string payload = SubscriptionEvent("evt_a", kNow, s);
  std::string wrong_secret = subscriptions::StripeSignatureHeader(payload, "whsec_guess", kNow);
  std::string stale =
      subscriptions::StripeSignatureHeader(payload, StripeStandin::kWebhookSecret, kNow - 301);
  std::string future =
      subscriptions::StripeSignatureHeader(payload, StripeStandin::kWebhookSecret, kNow + 301);
  std::string tampered_payload = payload;
  tampered_payload.replace(tampered_payload.find("active"), 6, "trialing");
  std::string for_original =
      subscriptions::StripeSignatureHeader(payload, StripeStandin::kWebhookSecret, kNow);
  for (const auto& [body, header] : {std::pair{payload, wrong_secret},
                                     {payload, stale},
                                     {payload, future},
                                     {tampered_payload, for_original},
                                     {payload, std::string()}}) {
    auto r = webhook_->Receive(body, header);
    ASSERT_FALSE(r.ok()) << header;
    EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().reader, "signature verification failed");
  }
  EXPECT_EQ(Count("payment_events"), 0);
  EXPECT_EQ(Count("subscriptions"), 0);
  EXPECT_FALSE(HasAccess());
  // While a secret is rolled, Stripe sends one v1 signature per secret: any may match.
  auto r = webhook_->Receive(
      payload, wrong_secret + ",v1=" + for_original.substr(for_original.find("v1=") + 3));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, "applied");
  EXPECT_TRUE(HasAccess());
}

TEST_F(StripeWebhookTest, AReplayedEventIsRecordedAndAppliedOnce) {
  SubState s = Mine();
  s.type = "customer.subscription.created";
  std::string created = SubscriptionEvent("evt_created", kNow, s);
  ASSERT_EQ(*Deliver(created), "applied");
  // The reader cancels; then Stripe (or an attacker with a captured request) replays the
  // creation, freshly signed. Nothing happens the second time.
  s.type = "customer.subscription.updated";
  s.cancel = true;
  ASSERT_EQ(*Deliver(SubscriptionEvent("evt_cancel", kNow + 5, s)), "applied");
  clock_.Advance(60);
  auto again = Deliver(created);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, "duplicate");
  EXPECT_EQ(Count("payment_events"), 2);
  EXPECT_EQ(Count("subscriptions"), 1);
  EXPECT_TRUE(Current()->cancel_at_period_end);
  auto outcome = db_->QueryOne("SELECT outcome FROM payment_events WHERE event_id = 'evt_created'");
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->Text(0), "applied");
}

TEST_F(StripeWebhookTest, AnOlderEventArrivingLateDoesNotUndoANewerOne) {
  SubState active = Mine(), ended = Mine();
  ended.type = "customer.subscription.deleted";
  ended.status = "canceled";
  ended.ended_at = kNow + 20;
  // Stripe created "active" first, "deleted" later; they arrive the other way round.
  ASSERT_EQ(*Deliver(SubscriptionEvent("evt_deleted", kNow + 20, ended)), "applied");
  auto late = Deliver(SubscriptionEvent("evt_active", kNow + 10, active));
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(*late, "stale");
  EXPECT_EQ(Current()->status, Status::kCanceled);
  EXPECT_EQ(Current()->current_period_end, kNow + 20);
  auto late_invoice =
      Deliver(InvoiceEvent("evt_paid", kNow + 15, "invoice.paid", kNow + kDay * 60));
  ASSERT_TRUE(late_invoice.ok());
  EXPECT_NE(*late_invoice, "applied");
  clock_.Advance(21);
  EXPECT_FALSE(HasAccess());
}

TEST_F(StripeWebhookTest, UnknownEventTypesAreAcknowledgedAndRecorded) {
  auto r = Deliver(R"({"id":"evt_x","object":"event","created":1800000000,
    "type":"customer.tax_id.created","data":{"object":{"id":"txi_1"}}})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->rfind("ignored", 0), 0u) << *r;
  EXPECT_EQ(Count("payment_events"), 1);
  EXPECT_EQ(Count("subscriptions"), 0);
}

TEST_F(StripeWebhookTest, SignedButMalformedPayloadsAreRefusedAndNotRecorded) {
  for (const char* payload : {"not json", "{}", R"({"id":"evt_1","type":"invoice.paid"})",
                              "{\"id\":\"evt_\xc3\x28\",\"created\":1,\"type\":\"x\","
                              "\"data\":{\"object\":{}}}"}) {
    auto r = Deliver(payload);
    ASSERT_FALSE(r.ok()) << payload;
    EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(Count("payment_events"), 0);
}

TEST_F(StripeWebhookTest, SubscriptionsOfStrangersOrUnknownPricesAreIgnored) {
  SubState stranger;  // no metadata, an unknown customer
  EXPECT_EQ(Deliver(SubscriptionEvent("evt_1", kNow, stranger))->rfind("ignored", 0), 0u);
  SubState unsold = Mine();
  unsold.price = "price_unknown";
  EXPECT_EQ(Deliver(SubscriptionEvent("evt_2", kNow, unsold))->rfind("ignored", 0), 0u);
  SubState gone = Mine();
  gone.user = "999999";
  EXPECT_EQ(Deliver(SubscriptionEvent("evt_3", kNow, gone))->rfind("ignored", 0), 0u);
  EXPECT_EQ(Count("subscriptions"), 0);
  EXPECT_EQ(Count("payment_events"), 3);
}

TEST_F(StripeWebhookTest, RenewalsFailuresGraceAndTheEnd) {
  SubState s = Mine();
  s.type = "customer.subscription.created";
  ASSERT_EQ(*Deliver(SubscriptionEvent("evt_1", kNow, s)), "applied");
  EXPECT_TRUE(HasAccess());
  int64_t first_end = s.period_end;
  // The renewal fails at the period end: past due, with access for the grace period.
  clock_.Set(first_end + 60);
  ASSERT_EQ(*Deliver(InvoiceEvent("evt_2", first_end + 60, "invoice.payment_failed", first_end)),
            "applied");
  EXPECT_EQ(Current()->status, Status::kPastDue);
  EXPECT_TRUE(HasAccess()) << "within the grace period";
  clock_.Set(first_end + 8 * kDay);
  EXPECT_FALSE(HasAccess()) << "after seven days of grace";
  // The card is updated and the retry succeeds: active again, through the new period.
  int64_t second_end = first_end + 30 * kDay;
  ASSERT_EQ(*Deliver(InvoiceEvent("evt_3", clock_.NowSeconds(), "invoice.paid", second_end)),
            "applied");
  EXPECT_EQ(Current()->status, Status::kActive);
  EXPECT_EQ(Current()->current_period_end, second_end);
  EXPECT_TRUE(HasAccess());
  // Canceled at the period end: access runs to it, then stops. (A second later: an event
  // from the second of the last report is checked with Stripe, absent here.)
  clock_.Set(clock_.NowSeconds() + 1);
  s.type = "customer.subscription.updated";
  s.cancel = true;
  s.period_end = second_end;
  ASSERT_EQ(*Deliver(SubscriptionEvent("evt_4", clock_.NowSeconds(), s)), "applied");
  s.type = "customer.subscription.deleted";
  s.status = "canceled";
  s.ended_at = second_end;
  clock_.Set(second_end);
  ASSERT_EQ(*Deliver(SubscriptionEvent("evt_5", second_end, s)), "applied");
  EXPECT_FALSE(HasAccess());
}

TEST_F(StripeWebhookTest, ACheckoutCompletedByTheStandinIsVerifiedFetchedAndApplied) {
  // Real time here: the stand-in signs with the time it sends.
  clock_.Set(std::time(nullptr));
  auto r = PayAtTheStandin();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, "applied");
  auto current = Current();
  ASSERT_TRUE(current);
  EXPECT_EQ(current->provider, "stripe");
  EXPECT_EQ(current->status, Status::kActive);
  EXPECT_EQ(current->customer_ref.rfind("cus_", 0), 0u);
  EXPECT_GT(current->current_period_end, clock_.NowSeconds() + 29 * kDay);
  EXPECT_TRUE(HasAccess());
}

TEST_F(StripeWebhookTest, AnEventFromTheSecondOfOurLastReportIsCheckedWithStripe) {
  // Real time: the stand-in signs with the time it sends.
  clock_.Set(std::time(nullptr));
  auto paid = PayAtTheStandin();  // Stripe's state, read at clock_: the stamp held
  ASSERT_TRUE(paid.ok()) << paid.error().message;
  ASSERT_EQ(*paid, "applied");
  auto current = Current();
  ASSERT_TRUE(current);
  ASSERT_FALSE(current->cancel_at_period_end);
  // From that same second, a report that renewal stops, which Stripe no longer says (the
  // reader undid it within the second, or the event was sent before our read).
  SubState canceling = Mine();
  canceling.sub = current->provider_ref;
  canceling.cancel = true;
  auto tie = Deliver(SubscriptionEvent("evt_same_second", clock_.NowSeconds(), canceling));
  ASSERT_TRUE(tie.ok()) << tie.error().message;
  EXPECT_EQ(*tie, "applied");
  EXPECT_FALSE(Current()->cancel_at_period_end) << "Stripe's current state decides a tie";
  // A second later the same report is news, and stands as sent.
  clock_.Advance(1);
  auto later = Deliver(SubscriptionEvent("evt_next_second", clock_.NowSeconds(), canceling));
  ASSERT_TRUE(later.ok()) << later.error().message;
  EXPECT_EQ(*later, "applied");
  EXPECT_TRUE(Current()->cancel_at_period_end);
}

}  // namespace
}  // namespace dateline::testing
