// The paywall: text beyond the free paragraphs reaches only readers with access.

#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

std::string ArticleWith(const std::string& slug, const std::string& access) {
  return "---\nheadline: A " + access + " story\nslug: " + slug + "\naccess: " + access +
         "\n---\nFREEONE opening.\n\nFREETWO second.\n\nHIDDENTHREE third.\n\nHIDDENFOUR fourth.\n";
}

TEST(PaywallTest, HiddenParagraphsReachOnlyReadersWithAccess) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  for (const auto& [slug, access] : {std::pair{"paid", "subscribers"}, {"members", "registered"}}) {
    std::ofstream(site.File(std::string(slug) + ".md")) << ArticleWith(slug, access);
    ASSERT_EQ(RunDateline(site.With({"article", "publish", site.File(std::string(slug) + ".md")}))
                  .exit_code,
              0);
  }
  auto added = RunDateline(site.With({"user", "add", "editor@example.org", "--role", "editor"}));
  auto at = added.output.find("one-time password: ");
  ASSERT_NE(at, std::string::npos);
  std::string staff_password = added.output.substr(at + 19, added.output.find('\n', at) - at - 19);
  auto reader_out = RunDateline(site.With({"user", "add", "reader2@example.org"}));
  auto rat = reader_out.output.find("one-time password: ");
  std::string reader_password =
      reader_out.output.substr(rat + 19, reader_out.output.find('\n', rat) - rat - 19);

  Browser anonymous(server->port()), reader(server->port()), staff(server->port());
  ASSERT_EQ(reader.LogInFirstTime("reader2@example.org", reader_password).status, 303);
  ASSERT_EQ(staff.LogInFirstTime("editor@example.org", staff_password).status, 303);

  struct Case {
    Browser* who;
    const char* path;
    bool full;
  } cases[] = {
      {&anonymous, "/articles/paid", false}, {&reader, "/articles/paid", false},
      {&staff, "/articles/paid", true},      {&anonymous, "/articles/members", false},
      {&reader, "/articles/members", true},  {&staff, "/articles/members", true},
  };
  for (const auto& c : cases) {
    auto page = c.who->Get(c.path);
    ASSERT_EQ(page.status, 200) << c.path;
    EXPECT_NE(page.body.find("FREEONE"), std::string::npos) << c.path;
    EXPECT_NE(page.body.find("FREETWO"), std::string::npos) << c.path;
    for (const char* hidden : {"HIDDENTHREE", "HIDDENFOUR"}) {
      EXPECT_EQ(page.body.find(hidden) != std::string::npos, c.full) << c.path << " " << hidden;
    }
    EXPECT_EQ(page.body.find("class=\"paywall\"") == std::string::npos, c.full) << c.path;
    EXPECT_NE(page.body.find("\"isAccessibleForFree\":false"), std::string::npos);
  }
  // A complimentary subscription lifts the paywall for the reader; revoking it restores it.
  auto granted = RunDateline(site.With({"subscription", "grant", "reader2@example.org", "--plan",
                                        "digital-monthly", "--until", "2099-12-31"}));
  ASSERT_EQ(granted.exit_code, 0) << granted.output;
  EXPECT_NE(reader.Get("/articles/paid").body.find("HIDDENFOUR"), std::string::npos);
  EXPECT_NE(reader.Get("/account").body.find("Digital, monthly"), std::string::npos);
  EXPECT_NE(RunDateline(site.With({"subscription", "grant", "reader2@example.org", "--plan",
                                   "digital-monthly", "--until", "2001-01-01"}))
                .exit_code,
            0)
      << "an end date in the past is refused";
  EXPECT_NE(RunDateline(site.With({"subscription", "grant", "reader2@example.org", "--plan",
                                   "no-such-plan", "--until", "2099-01-01"}))
                .exit_code,
            0);
  ASSERT_EQ(RunDateline(site.With({"subscription", "revoke", "reader2@example.org"})).exit_code, 0);
  EXPECT_EQ(reader.Get("/articles/paid").body.find("HIDDENFOUR"), std::string::npos);
  EXPECT_NE(reader.Get("/account").body.find("ended"), std::string::npos);
  EXPECT_EQ(anonymous.Get("/articles/paid").body.find("HIDDENFOUR"), std::string::npos);

  // Nor in the front page's excerpt.
  auto front = anonymous.Get("/");
  for (const char* hidden : {"HIDDENTHREE", "HIDDENFOUR", "FREEONE"}) {
    EXPECT_EQ(front.body.find(hidden), std::string::npos) << hidden;
  }
}

}  // namespace
}  // namespace dateline::testing

namespace dateline::testing {
namespace {

TEST(GiftCodeTest, AConfirmedReaderRedeemsACodeOnceAndReadsEverything) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  std::ofstream(site.File("paid.md")) << ArticleWith("paid", "subscribers");
  ASSERT_EQ(RunDateline(site.With({"article", "publish", site.File("paid.md")})).exit_code, 0);
  auto gift = RunDateline(site.With({"subscription", "gift", "--plan", "digital-annual", "--days",
                                     "30", "--expires", "2099-01-01", "--count", "2"}));
  ASSERT_EQ(gift.exit_code, 0) << gift.output;
  std::string code = CodeIn(gift.output);
  ASSERT_FALSE(code.empty()) << gift.output;

  auto plans = Fetch(server->port(), "GET", "/subscribe");
  ASSERT_TRUE(plans);
  EXPECT_EQ(plans->status, 200);
  EXPECT_NE(plans->body.find("Digital, monthly"), std::string::npos);
  EXPECT_NE(plans->body.find("$90.00"), std::string::npos);

  Browser b(server->port());
  std::string email = UniqueEmail("gift");
  b.Submit(
      "/signup", "/signup",
      {{"email", email}, {"display_name", "Gifted"}, {"password", "correct horse battery staple"}});
  auto confirm = WaitForMail(email, "Confirm your email");
  ASSERT_TRUE(confirm);
  b.Submit("/login", "/login", {{"email", email}, {"password", "correct horse battery staple"}});
  auto unconfirmed = b.Submit("/subscribe/redeem", "/subscribe/redeem", {{"code", code}});
  EXPECT_EQ(unconfirmed.status, 403) << "an unconfirmed account cannot subscribe";
  b.Submit("/verify", "/verify", {{"code", CodeIn(confirm->text)}});

  EXPECT_EQ(b.Get("/articles/paid").body.find("HIDDENFOUR"), std::string::npos);
  auto wrong = b.Submit("/subscribe/redeem", "/subscribe/redeem", {{"code", "ZZZZZ-ZZZZZ"}});
  EXPECT_EQ(wrong.status, 400);
  auto redeemed = b.Submit("/subscribe/redeem", "/subscribe/redeem", {{"code", code}});
  EXPECT_EQ(redeemed.status, 200) << redeemed.body;
  EXPECT_NE(redeemed.body.find("Digital, annual"), std::string::npos);
  EXPECT_NE(b.Get("/articles/paid").body.find("HIDDENFOUR"), std::string::npos);

  Browser other(server->port());  // single use: nobody else can redeem it
  auto added = RunDateline(site.With({"user", "add", "second@example.org"}));
  ASSERT_EQ(added.exit_code, 0);
  auto at = added.output.find("one-time password: ");
  std::string pw = added.output.substr(at + 19, added.output.find('\n', at) - at - 19);
  other.LogInFirstTime("second@example.org", pw);
  EXPECT_EQ(other.Submit("/subscribe/redeem", "/subscribe/redeem", {{"code", code}}).status, 400);
  // Guessing is rate limited.
  for (int i = 0; i < 12; ++i)
    other.Submit("/subscribe/redeem", "/subscribe/redeem", {{"code", "ZZZZZ-ZZZZZ"}});
  EXPECT_EQ(
      other.Submit("/subscribe/redeem", "/subscribe/redeem", {{"code", "ZZZZZ-ZZZZZ"}}).status,
      429);
}

}  // namespace
}  // namespace dateline::testing

namespace dateline::testing {
namespace {

TEST(AdminMembersTest, AdminsGrantAndRevokeComplimentarySubscriptions) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  std::ofstream(site.File("paid.md")) << ArticleWith("paid", "subscribers");
  ASSERT_EQ(RunDateline(site.With({"article", "publish", site.File("paid.md")})).exit_code, 0);
  std::string admin_pw = OneTimePasswordIn(
      RunDateline(site.With({"user", "add", "boss@example.org", "--role", "admin"})));
  std::string reader_pw =
      OneTimePasswordIn(RunDateline(site.With({"user", "add", "ann.reader@example.org"})));
  ASSERT_FALSE(admin_pw.empty());
  ASSERT_FALSE(reader_pw.empty());

  Browser anonymous(server->port()), admin(server->port()), reader(server->port());
  EXPECT_EQ(anonymous.Get("/admin/members").status, 303);
  reader.LogInFirstTime("ann.reader@example.org", reader_pw);
  EXPECT_EQ(reader.Get("/admin/members").status, 403);
  EXPECT_EQ(reader
                .Submit("/account", "/admin/members/grant",
                        {{"email", "ann.reader@example.org"},
                         {"plan", "digital-monthly"},
                         {"until", "2099-01-01"}})
                .status,
            403)
      << "a reader cannot grant themselves a subscription";
  EXPECT_EQ(reader.Get("/articles/paid").body.find("HIDDENFOUR"), std::string::npos);

  admin.LogInFirstTime("boss@example.org", admin_pw);
  auto list = admin.Get("/admin/members?q=ANN.READER");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("ann.reader@example.org"), std::string::npos);
  EXPECT_EQ(list.body.find("boss@example.org</span>"), std::string::npos) << "search filters";
  auto granted = admin.Submit(
      "/admin/members", "/admin/members/grant",
      {{"email", "ann.reader@example.org"}, {"plan", "digital-monthly"}, {"until", "2099-12-31"}});
  EXPECT_EQ(granted.status, 303);
  EXPECT_NE(admin.Get("/admin/members?q=ann").body.find("2099-12-31"), std::string::npos);
  EXPECT_NE(reader.Get("/articles/paid").body.find("HIDDENFOUR"), std::string::npos);
  auto bad = admin.Submit("/admin/members?q=ann", "/admin/members/grant",
                          {{"email", "ann.reader@example.org"},
                           {"plan", "digital-monthly"},
                           {"until", "not a date"},
                           {"q", "ann"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Give the end date for ann.reader@example.org as a date."),
            std::string::npos);
  EXPECT_NE(bad.body.find("value=\"ann\""), std::string::npos) << "the search stays";
  auto past = admin.Submit("/admin/members?q=ann", "/admin/members/grant",
                           {{"email", "ann.reader@example.org"},
                            {"plan", "digital-monthly"},
                            {"until", "2001-01-01"},
                            {"q", "ann"}});
  EXPECT_EQ(past.status, 400);
  EXPECT_NE(past.body.find("The end date must be in the future."), std::string::npos);
  auto revoked = admin.Submit("/admin/members", "/admin/members/revoke",
                              {{"email", "ann.reader@example.org"}});
  EXPECT_EQ(revoked.status, 303);
  EXPECT_EQ(reader.Get("/articles/paid").body.find("HIDDENFOUR"), std::string::npos);
}

}  // namespace
}  // namespace dateline::testing

namespace dateline::testing {
namespace {

TEST(AdminPlansTest, AdminsAddChangeAndWithdrawPlans) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  std::string admin_pw = OneTimePasswordIn(
      RunDateline(site.With({"user", "add", "boss@example.org", "--role", "admin"})));
  std::string reader_pw =
      OneTimePasswordIn(RunDateline(site.With({"user", "add", "r@example.org"})));
  Browser admin(server->port()), reader(server->port());
  admin.LogInFirstTime("boss@example.org", admin_pw);
  reader.LogInFirstTime("r@example.org", reader_pw);
  EXPECT_EQ(reader.Get("/admin/plans").status, 403);
  EXPECT_EQ(reader
                .Submit("/account", "/admin/plans",
                        {{"code", "cheap"},
                         {"name", "Cheap"},
                         {"price", "0.01"},
                         {"currency", "USD"},
                         {"period", "month"}})
                .status,
            403);

  auto added = admin.Submit("/admin/plans", "/admin/plans",
                            {{"code", "student"},
                             {"name", "Student, monthly"},
                             {"description", "For students"},
                             {"price", "4.50"},
                             {"currency", "USD"},
                             {"period", "month"}});
  EXPECT_EQ(added.status, 303);
  EXPECT_EQ(admin
                .Submit("/admin/plans", "/admin/plans",
                        {{"code", "student-annual"},
                         {"name", "Student, annual"},
                         {"price", "45"},
                         {"currency", "USD"},
                         {"period", "year"},
                         {"stripe_price", " price_student_annual "}})
                .status,
            303);
  EXPECT_NE(admin.Get("/admin/plans").body.find("Stripe: price_student_annual"), std::string::npos);
  // A currency in lower case is the same currency, stored as the standard writes it.
  EXPECT_EQ(admin
                .Submit("/admin/plans", "/admin/plans",
                        {{"code", "euro"},
                         {"name", "Euro"},
                         {"price", "5"},
                         {"currency", "eur"},
                         {"period", "month"}})
                .status,
            303);
  EXPECT_NE(Fetch(server->port(), "GET", "/subscribe")->body.find("€5.00"), std::string::npos);
  auto plan_page = admin.Get("/admin/plans");
  EXPECT_EQ(plan_page.body.find("<th scope=\"col\"></th>"), std::string::npos)
      << "every column has a heading";
  auto plans = Fetch(server->port(), "GET", "/subscribe");
  EXPECT_NE(plans->body.find("Student, monthly"), std::string::npos);
  EXPECT_NE(plans->body.find("$4.50"), std::string::npos);
  struct Case {
    std::string code, price, period;
    std::string stripe_price = "";
  } bad[] = {{"Bad Code", "1.00", "month"}, {"ok", "one dollar", "month"},
             {"ok", "1.00", "week"},        {"ok", "1.00", "month", "prod_123"},
             {"free", "0.00", "month"},     {"free", "0", "month"}};
  for (const auto& c : bad) {
    auto r = admin.Submit("/admin/plans", "/admin/plans",
                          {{"code", c.code},
                           {"name", "X"},
                           {"price", c.price},
                           {"currency", "USD"},
                           {"period", c.period},
                           {"stripe_price", c.stripe_price}});
    EXPECT_EQ(r.status, 400) << c.code << " " << c.price << " " << c.period;
    EXPECT_NE(r.body.find("notice--error"), std::string::npos);
  }
  EXPECT_EQ(admin.Submit("/admin/plans", "/admin/plans/withdraw", {{"code", "student"}}).status,
            303);
  EXPECT_EQ(Fetch(server->port(), "GET", "/subscribe")->body.find("Student, monthly"),
            std::string::npos);
}

}  // namespace
}  // namespace dateline::testing
