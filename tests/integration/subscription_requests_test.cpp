// A newsroom without online payment sells digital access: readers request a plan or say
// they take the paper, admins approve or decline in one queue, the reader hears either
// way; and admins make gift codes in the browser.

#include <gtest/gtest.h>

#include "harness.hpp"

namespace dateline::testing {
namespace {

class SubscriptionRequestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ServerProcess::Start(site_);
    ASSERT_NE(server_, nullptr);
  }
  Browser& SignedIn(const std::string& email, const std::string& role = "reader") {
    std::string password = OneTimePasswordIn(
        RunDateline(site_.With({"user", "add", email, "--name", "Ann Print", "--role", role})));
    browsers_.push_back(std::make_unique<Browser>(server_->port()));
    EXPECT_EQ(browsers_.back()->LogInFirstTime(email, password).status, 303);
    return *browsers_.back();
  }
  // The id in the first "/admin/requests/ID/" of a page.
  static std::string FirstRequestId(const std::string& html) {
    size_t at = html.find("/admin/requests/");
    if (at == std::string::npos) return "";
    at += 16;
    return html.substr(at, html.find('/', at) - at);
  }
  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
  std::vector<std::unique_ptr<Browser>> browsers_;
};

TEST_F(SubscriptionRequestsTest, APlanIsRequestedApprovedAndTheReaderReadsEverything) {
  std::string email = UniqueEmail("invoice");
  Browser& reader = SignedIn(email);
  auto plans = reader.Get("/subscribe");
  EXPECT_NE(plans.body.find("/subscribe/request?plan=digital-monthly"), std::string::npos);
  // A refused form keeps what was typed.
  auto refused = reader.Submit("/subscribe/request?plan=digital-monthly", "/subscribe/request",
                               {{"kind", "subscribe"},
                                {"plan", "digital-monthly"},
                                {"full_name", "Ann Print"},
                                {"postal_address", "x"},
                                {"note", "Invoice to the office, please"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("The postal address is too short."), std::string::npos);
  EXPECT_NE(refused.body.find("Invoice to the office, please"), std::string::npos);
  auto sent = reader.Submit("/subscribe/request?plan=digital-monthly", "/subscribe/request",
                            {{"kind", "subscribe"},
                             {"plan", "digital-monthly"},
                             {"full_name", "Ann Print"},
                             {"postal_address", "1 Rue du Rhône\n1204 Genève"},
                             {"note", "Invoice to the office, please"}});
  EXPECT_EQ(sent.status, 200) << sent.body;
  EXPECT_TRUE(WaitForMail(email, "We have your subscription request"));
  EXPECT_NE(reader.Get("/account").body.find("is with the newsroom"), std::string::npos);
  // One waiting at a time.
  auto twice = reader.Submit("/subscribe/request", "/subscribe/request",
                             {{"kind", "subscribe"},
                              {"plan", "digital-monthly"},
                              {"full_name", "Ann Print"},
                              {"postal_address", "1 Rue du Rhône\n1204 Genève"}});
  EXPECT_EQ(twice.status, 409);
  // Readers and moderators do not see the queue; admins do.
  EXPECT_EQ(reader.Get("/admin/requests").status, 403);
  Browser& moderator = SignedIn(UniqueEmail("mod"), "moderator");
  EXPECT_EQ(moderator.Get("/admin/requests").status, 403);
  Browser& admin = SignedIn(UniqueEmail("boss"), "admin");
  auto queue = admin.Get("/admin/requests");
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("1 request waits"), std::string::npos);
  EXPECT_NE(queue.body.find("1204 Genève"), std::string::npos);
  std::string id = FirstRequestId(queue.body);
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(moderator
                .Submit("/subscribe", "/admin/requests/" + id + "/approve",
                        {{"plan", "digital-monthly"}, {"until", "2099-06-30"}})
                .status,
            403);
  auto approved = admin.Submit("/admin/requests", "/admin/requests/" + id + "/approve",
                               {{"plan", "digital-monthly"}, {"until", "2099-06-30"}});
  EXPECT_EQ(approved.status, 303);
  auto mail = WaitForMail(email, "Your subscription is ready");
  ASSERT_TRUE(mail);
  EXPECT_NE(mail->text.find("June 30, 2099"), std::string::npos);
  auto account = reader.Get("/account");
  EXPECT_NE(account.body.find("arranged with the newsroom, until"), std::string::npos);
  EXPECT_EQ(account.body.find("Cancel subscription"), std::string::npos);
  // Decided once: a second approval is refused as a conflict, saying so.
  auto again = admin.Submit("/admin/requests", "/admin/requests/" + id + "/approve",
                            {{"plan", "digital-monthly"}, {"until", "2099-06-30"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("That request was decided already."), std::string::npos);
}

TEST_F(SubscriptionRequestsTest, APrintSubscriberIsCheckedAndMayBeDeclinedWithAReason) {
  std::string email = UniqueEmail("print");
  Browser& reader = SignedIn(email);
  EXPECT_NE(reader.Get("/subscribe").body.find("/subscribe/request?kind=print"), std::string::npos);
  auto sent = reader.Submit("/subscribe/request?kind=print", "/subscribe/request",
                            {{"kind", "print"},
                             {"account_number", "GN-104233"},
                             {"full_name", "Ann Print"},
                             {"postal_address", "1 Rue du Rhône\n1204 Genève"}});
  EXPECT_EQ(sent.status, 200) << sent.body;
  Browser& admin = SignedIn(UniqueEmail("boss"), "admin");
  auto queue = admin.Get("/admin/requests");
  EXPECT_NE(queue.body.find("GN-104233"), std::string::npos);
  std::string id = FirstRequestId(queue.body);
  EXPECT_EQ(admin.Submit("/admin/requests", "/admin/requests/" + id + "/decline", {{"reason", ""}})
                .status,
            400)
      << "a reason is owed";
  ASSERT_EQ(admin
                .Submit("/admin/requests", "/admin/requests/" + id + "/decline",
                        {{"reason", "We cannot find account GN-104233; check the number?"}})
                .status,
            303);
  auto mail = WaitForMail(email, "About your subscription request");
  ASSERT_TRUE(mail);
  EXPECT_NE(mail->text.find("We cannot find account GN-104233"), std::string::npos);
  EXPECT_NE(admin.Get("/admin/requests").body.find("Nothing is waiting."), std::string::npos);
  EXPECT_EQ(reader.Get("/account").body.find("is with the newsroom"), std::string::npos);
}

TEST_F(SubscriptionRequestsTest, AdminsMakeGiftCodesInTheBrowser) {
  Browser& admin = SignedIn(UniqueEmail("boss"), "admin");
  auto made = admin.Submit(
      "/admin/gifts", "/admin/gifts",
      {{"plan", "digital-annual"}, {"days", "30"}, {"expires", "2099-01-01"}, {"count", "3"}});
  ASSERT_EQ(made.status, 200);
  EXPECT_NE(made.body.find("shown only this once"), std::string::npos);
  std::string code = CodeIn(made.body);
  ASSERT_FALSE(code.empty());
  auto bad = admin.Submit(
      "/admin/gifts", "/admin/gifts",
      {{"plan", "digital-annual"}, {"days", "0"}, {"expires", "2099-01-01"}, {"count", "3"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("A code gives from 1 to 3,660 days."), std::string::npos);
  // The reader redeems one; the list says who, never the codes.
  Browser& reader = SignedIn(UniqueEmail("gifted"));
  ASSERT_EQ(reader.Submit("/subscribe/redeem", "/subscribe/redeem", {{"code", code}}).status, 200);
  auto list = admin.Get("/admin/gifts");
  EXPECT_NE(list.body.find("3 codes made"), std::string::npos);
  EXPECT_NE(list.body.find("gifted-"), std::string::npos);
  EXPECT_EQ(list.body.find(code), std::string::npos);
  EXPECT_EQ(reader.Get("/admin/gifts").status, 403);
}

}  // namespace
}  // namespace dateline::testing
