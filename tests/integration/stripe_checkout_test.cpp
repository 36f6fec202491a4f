// Buying a subscription through Stripe, end to end over HTTP: the site, the Stripe
// stand-in (API, hosted checkout and portal pages, signed webhooks) and a reader.

#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"
#include "stripe_standin.hpp"

namespace dateline::testing {
namespace {

constexpr const char* kPassword = "correct horse battery staple";

// The value after `"key": "` in the last request to `after` that carries `key`.
std::string JsonValueAfter(const std::string& json, const std::string& after,
                           const std::string& key) {
  std::string quoted = "\"" + key + "\": \"";
  for (size_t at = json.rfind(after); at != std::string::npos;
       at = at == 0 ? std::string::npos : json.rfind(after, at - 1)) {
    size_t next_request = json.find("\"method\"", at);
    size_t found = json.find(quoted, at);
    if (found == std::string::npos || found > next_request) continue;
    found += quoted.size();
    return json.substr(found, json.find('"', found) - found);
  }
  return "";
}

class StripeCheckoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(standin_.running());
    std::ofstream(site_.File("dateline.toml")) << StripeSiteConfig(standin_);
    std::ofstream(site_.File("paid.md"))
        << "---\nheadline: Paid\nslug: paid\naccess: subscribers\n---\nFREEONE.\n\nFREETWO.\n\n"
           "HIDDENTHREE.\n";
    ASSERT_EQ(RunDateline(site_.With({"migrate"})).exit_code, 0);
    ASSERT_EQ(RunDateline(site_.With({"article", "publish", site_.File("paid.md")})).exit_code, 0);
    server_ = ServerProcess::Start(site_, {"--config", site_.File("dateline.toml")});
    ASSERT_NE(server_, nullptr);
    standin_.SendEventsTo(server_->port());
  }

  // Signs up, confirms the address from the real email, signs in.
  void ConfirmedReader(Browser& b, const std::string& email) {
    b.Submit("/signup", "/signup",
             {{"email", email}, {"display_name", "Payer"}, {"password", kPassword}});
    auto confirm = WaitForMail(email, "Confirm your email");
    ASSERT_TRUE(confirm);
    ASSERT_EQ(b.Submit("/login", "/login", {{"email", email}, {"password", kPassword}}).status,
              303);
    b.Submit("/verify", "/verify", {{"code", CodeIn(confirm->text)}});
  }

  // Chooses the plan at /subscribe and "pays" on the stand-in's checkout page.
  std::string Buy(Browser& b, const std::string& plan) {
    auto checkout = b.Submit("/subscribe", "/subscribe/checkout", {{"plan", plan}});
    EXPECT_EQ(checkout.status, 303) << checkout.body;
    std::string location = checkout.Header("location");
    EXPECT_EQ(location.rfind(standin_.base_url() + "/c/pay/cs_", 0), 0u) << location;
    if (location.rfind(standin_.base_url(), 0) != 0) return "";
    auto paid = standin_.Get(location.substr(standin_.base_url().size()));
    EXPECT_TRUE(paid && paid->status == 303);
    return paid ? paid->Header("location") : "";
  }

  bool ReadsInFull(Browser& b) {
    return b.Get("/articles/paid").body.find("HIDDENTHREE") != std::string::npos;
  }

  StripeStandin standin_;
  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(StripeCheckoutTest, AReaderBuysManagesCancelsAndResumes) {
  Browser b(server_->port());
  std::string email = UniqueEmail("stripe");
  ConfirmedReader(b, email);
  auto plans = b.Get("/subscribe");
  EXPECT_NE(plans.body.find("Choose Digital, monthly"), std::string::npos);
  // The checkout form's redirect leaves the site: the page's CSP allows exactly that.
  EXPECT_NE(
      plans.Header("content-security-policy").find("form-action 'self' " + standin_.base_url()),
      std::string::npos)
      << plans.Header("content-security-policy");
  EXPECT_FALSE(ReadsInFull(b));

  std::string back = Buy(b, "digital-monthly");
  EXPECT_NE(back.find("/account?done=checkout"), std::string::npos) << back;
  // What we sent Stripe: form-encoded, idempotent, naming the price and the reader.
  std::string requests = standin_.RequestsJson();
  EXPECT_EQ(JsonValueAfter(requests, "/v1/checkout/sessions", "line_items[0][price]"),
            "price_monthly");
  EXPECT_EQ(JsonValueAfter(requests, "/v1/checkout/sessions", "mode"), "subscription");
  EXPECT_EQ(JsonValueAfter(requests, "/v1/checkout/sessions", "customer_email"), email);
  EXPECT_EQ(JsonValueAfter(requests, "/v1/checkout/sessions", "subscription_data[metadata][plan]"),
            "digital-monthly");
  EXPECT_FALSE(JsonValueAfter(requests, "/v1/checkout/sessions", "idempotency_key").empty());
  // Every event the stand-in sent was answered 200.
  std::string events = standin_.EventsJson();
  EXPECT_NE(events.find("checkout.session.completed"), std::string::npos);
  EXPECT_EQ(events.find("\"status\": 4"), std::string::npos) << events;
  EXPECT_EQ(events.find("\"status\": 5"), std::string::npos) << events;

  EXPECT_TRUE(ReadsInFull(b));
  auto account = b.Get("/account?done=checkout");
  EXPECT_NE(account.body.find("Thank you for subscribing"), std::string::npos);
  EXPECT_NE(account.body.find("Digital, monthly"), std::string::npos);
  EXPECT_NE(account.body.find("renews on"), std::string::npos);
  EXPECT_NE(account.body.find("Manage payment"), std::string::npos);

  auto portal = b.Submit("/account", "/account/billing", {});
  EXPECT_EQ(portal.status, 303);
  EXPECT_EQ(portal.Header("location").rfind(standin_.base_url() + "/p/session/bps_", 0), 0u)
      << portal.Header("location");

  auto cancel = b.Submit("/account", "/account/subscription/cancel", {});
  EXPECT_EQ(cancel.status, 303);
  EXPECT_EQ(cancel.Header("location"), "/account?done=canceled");
  requests = standin_.RequestsJson();
  EXPECT_EQ(JsonValueAfter(requests, "/v1/subscriptions/sub_", "cancel_at_period_end"), "true");
  account = b.Get("/account");
  EXPECT_NE(account.body.find("ends on"), std::string::npos);
  EXPECT_NE(account.body.find("Keep my subscription"), std::string::npos);
  EXPECT_TRUE(ReadsInFull(b)) << "access runs to the end of the paid period";

  EXPECT_EQ(b.Submit("/account", "/account/subscription/resume", {}).status, 303);
  EXPECT_NE(b.Get("/account").body.find("renews on"), std::string::npos);
  EXPECT_EQ(b.Submit("/subscribe", "/subscribe/checkout", {{"plan", "digital-annual"}})
                .Header("location"),
            "/account")
      << "no second subscription while the first gives access";
}

TEST_F(StripeCheckoutTest, FailedRenewalsGraceAndTheEndComeFromStripesEvents) {
  Browser b(server_->port());
  std::string email = UniqueEmail("renewal");
  ConfirmedReader(b, email);
  Buy(b, "digital-annual");
  ASSERT_TRUE(ReadsInFull(b));
  // The subscription's id, from the events the stand-in sent.
  std::string events = standin_.EventsJson();
  size_t at = events.find("sub_test_");
  ASSERT_NE(at, std::string::npos) << events;
  std::string sub = events.substr(at, events.find_first_of("\\\"", at) - at);

  ASSERT_EQ(standin_.Control(sub, "renewal-fails").status, 200);
  auto account = b.Get("/account");
  EXPECT_NE(account.body.find("Your last payment did not go through"), std::string::npos);
  EXPECT_TRUE(ReadsInFull(b)) << "past due keeps access for the grace period";
  ASSERT_EQ(standin_.Control(sub, "renews").status, 200);
  EXPECT_EQ(b.Get("/account").body.find("did not go through"), std::string::npos);
  ASSERT_EQ(standin_.Control(sub, "ends").status, 200);
  EXPECT_FALSE(ReadsInFull(b));
  EXPECT_NE(b.Get("/account").body.find("Subscribe again"), std::string::npos);

  // Coming back: the same Stripe customer is used, not a second one.
  Buy(b, "digital-monthly");
  EXPECT_TRUE(ReadsInFull(b));
  std::string requests = standin_.RequestsJson();
  EXPECT_EQ(JsonValueAfter(requests, "/v1/checkout/sessions", "customer").rfind("cus_", 0), 0u);
}

TEST_F(StripeCheckoutTest, DeletingTheAccountStopsThePaidRenewalFirst) {
  Browser b(server_->port());
  std::string email = UniqueEmail("leaving");
  ConfirmedReader(b, email);
  Buy(b, "digital-monthly");
  ASSERT_TRUE(ReadsInFull(b));
  // A wrong password deletes nothing and leaves the renewal alone.
  auto wrong = b.Submit("/account", "/account/delete",
                        {{"password", "not my password at all"}, {"confirm", "yes"}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(standin_.RequestsJson().find("cancel_at_period_end"), std::string::npos);
  auto deleted =
      b.Submit("/account", "/account/delete", {{"password", kPassword}, {"confirm", "yes"}});
  EXPECT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_NE(deleted.body.find("Your account is deleted"), std::string::npos);
  EXPECT_EQ(
      JsonValueAfter(standin_.RequestsJson(), "/v1/subscriptions/sub_", "cancel_at_period_end"),
      "true");
}

TEST_F(StripeCheckoutTest, TheWebhookEndpointRefusesForgeriesWithoutSideEffects) {
  std::string payload =
      R"({"id":"evt_forged","object":"event","created":1800000000,"type":"customer.subscription.created","data":{"object":{"id":"sub_x","object":"subscription","status":"active","metadata":{"user_id":"1"},"items":{"data":[{"price":{"id":"price_monthly"},"current_period_end":4000000000}]}}}})";
  for (const std::string& signature :
       {std::string(""), std::string("t=1800000000,v1=") + std::string(64, '0'),
        std::string("garbage")}) {
    auto r = Fetch(server_->port(), "POST", "/webhooks/stripe",
                   {"Content-Type: application/json", "Stripe-Signature: " + signature}, payload);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << signature;
  }
  // Not JSON and unsigned, oversized: refused before anything is read into the store.
  auto big = Fetch(server_->port(), "POST", "/webhooks/stripe", {"Content-Type: application/json"},
                   std::string(2 * 1024 * 1024, 'x'));
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  // The admin (user 1) did not gain a subscription from the forgery.
  auto admin = RunDateline(site_.With({"user", "list"}));
  EXPECT_EQ(admin.output.find("stripe"), std::string::npos);
}

TEST(StripeOffTest, WithTheManualProviderThereIsNoWebhookAndNoCheckout) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  auto hook =
      Fetch(server->port(), "POST", "/webhooks/stripe", {"Stripe-Signature: t=1,v1=0"}, "{}");
  ASSERT_TRUE(hook);
  EXPECT_EQ(hook->status, 404);
  auto plans = Fetch(server->port(), "GET", "/subscribe");
  ASSERT_TRUE(plans);
  EXPECT_EQ(plans->body.find("/subscribe/checkout"), std::string::npos);
  EXPECT_NE(plans->body.find("Redeem a gift code"), std::string::npos);
  EXPECT_EQ(plans->Header("content-security-policy").find("stripe"), std::string::npos);
}

TEST(StripeConfigTest, TheStripeProviderNeedsItsSecrets) {
  TestSite site;
  std::ofstream(site.File("bad.toml")) << "[payments]\nprovider = \"stripe\"\n";
  auto r = RunDateline(site.With({"migrate", "--config", site.File("bad.toml")}));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("payments.stripe_secret_key"), std::string::npos) << r.output;
  std::ofstream(site.File("plans.toml"))
      << "[[plans]]\ncode = \"x\"\nname = \"X\"\nperiod = \"week\"\n";
  r = RunDateline(site.With({"migrate", "--config", site.File("plans.toml")}));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("plans[0].period"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace dateline::testing
