// Answers readers were given that were wrong: a gift shown as a paid plan, a gift code
// spent for nothing, staff told to subscribe, names that pass for staff or reverse text,
// search matching parts of words.

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "harness.hpp"

namespace dateline::testing {
namespace {

class ReaderAnswersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ServerProcess::Start(site_);
    ASSERT_NE(server_, nullptr);
  }
  // A signed-in browser for a new account with `role`.
  Browser& SignedIn(const std::string& email, const std::string& role = "reader") {
    std::string password = OneTimePasswordIn(
        RunDateline(site_.With({"user", "add", email, "--name", "Ann", "--role", role})));
    EXPECT_FALSE(password.empty());
    browsers_.push_back(std::make_unique<Browser>(server_->port()));
    EXPECT_EQ(browsers_.back()->LogInFirstTime(email, password).status, 303);
    return *browsers_.back();
  }
  std::string GiftCode(int days) {
    auto out = RunDateline(site_.With({"subscription", "gift", "--plan", "digital-annual", "--days",
                                       std::to_string(days), "--expires", "2099-01-01"}));
    EXPECT_EQ(out.exit_code, 0) << out.output;
    return CodeIn(out.output);
  }
  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
  std::vector<std::unique_ptr<Browser>> browsers_;
};

TEST_F(ReaderAnswersTest, AGiftReadsAsAGiftWithNothingToManageOrCancel) {
  Browser& reader = SignedIn("gifted@example.org");
  ASSERT_EQ(
      reader.Submit("/subscribe/redeem", "/subscribe/redeem", {{"code", GiftCode(30)}}).status,
      200);
  auto account = reader.Get("/account");
  EXPECT_NE(account.body.find("a gift, until"), std::string::npos) << account.body;
  EXPECT_EQ(account.body.find("renews on"), std::string::npos);
  EXPECT_EQ(account.body.find("Manage payment"), std::string::npos);
  EXPECT_EQ(account.body.find("Cancel subscription"), std::string::npos);
  EXPECT_NE(account.body.find("Nothing to manage or cancel"), std::string::npos);
}

TEST_F(ReaderAnswersTest, AComplimentarySubscriptionSaysSo) {
  Browser& reader = SignedIn("comped@example.org");
  auto granted = RunDateline(site_.With({"subscription", "grant", "comped@example.org", "--plan",
                                         "digital-monthly", "--until", "2099-01-01"}));
  ASSERT_EQ(granted.exit_code, 0) << granted.output;
  auto account = reader.Get("/account");
  EXPECT_NE(account.body.find("complimentary, until"), std::string::npos);
  EXPECT_EQ(account.body.find("Manage payment"), std::string::npos);
}

TEST_F(ReaderAnswersTest, AGiftAddsItsDaysAfterTheAccessAlreadyHeld) {
  Browser& reader = SignedIn("extended@example.org");
  ASSERT_EQ(RunDateline(site_.With({"subscription", "grant", "extended@example.org", "--plan",
                                    "digital-monthly", "--until", "2090-01-01"}))
                .exit_code,
            0);
  auto redeemed = reader.Submit("/subscribe/redeem", "/subscribe/redeem", {{"code", GiftCode(30)}});
  EXPECT_EQ(redeemed.status, 200) << redeemed.body;
  // Thirty days after 1 January 2090, not thirty days from today.
  EXPECT_NE(redeemed.body.find("Jan. 31, 2090"), std::string::npos) << redeemed.body;
  EXPECT_NE(reader.Get("/account").body.find("Jan. 31, 2090"), std::string::npos);
}

TEST_F(ReaderAnswersTest, APaidRenewingSubscriptionKeepsTheGiftCodeForLater) {
  Browser& reader = SignedIn("payer@example.org");
  ASSERT_TRUE(site_
                  .RunSql("INSERT INTO subscriptions (user_id, plan_id, provider, provider_ref, "
                          "status, current_period_end, created_at, updated_at) SELECT u.id, p.id, "
                          "'stripe', 'sub_1', 'active', 4102444800, 1, 1 FROM users u, plans p "
                          "WHERE u.email = 'payer@example.org' AND p.code = 'digital-monthly'")
                  .ok());
  std::string code = GiftCode(30);
  auto refused = reader.Submit("/subscribe/redeem", "/subscribe/redeem", {{"code", code}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("it has not been used"), std::string::npos);
  EXPECT_NE(refused.body.find(code), std::string::npos) << "the code stays in the form";
  // Kept: someone else can still redeem it.
  Browser& friend_ = SignedIn("friend@example.org");
  EXPECT_EQ(friend_.Submit("/subscribe/redeem", "/subscribe/redeem", {{"code", code}}).status, 200);
}

TEST_F(ReaderAnswersTest, StaffAreNotToldToSubscribeAndReadersWithAccessAreNotSoldAgain) {
  Browser& editor = SignedIn("desk@example.org", "editor");
  auto account = editor.Get("/account");
  EXPECT_NE(account.body.find("As newsroom staff"), std::string::npos);
  EXPECT_EQ(account.body.find("You do not have a subscription"), std::string::npos);
  EXPECT_NE(editor.Get("/subscribe").body.find("As newsroom staff you already read"),
            std::string::npos);
  Browser& reader = SignedIn("holder@example.org");
  ASSERT_EQ(RunDateline(site_.With({"subscription", "grant", "holder@example.org", "--plan",
                                    "digital-monthly", "--until", "2099-01-01"}))
                .exit_code,
            0);
  EXPECT_NE(reader.Get("/subscribe").body.find("You already have digital access until"),
            std::string::npos);
}

TEST_F(ReaderAnswersTest, NamesCannotHideDirectionMarksAndStaffCarryABadge) {
  Browser& reader = SignedIn("names@example.org");
  auto reversed = reader.Submit("/account", "/account/name",
                                {{"display_name",
                                  "\xe2\x80\xae"
                                  "rotartsinimdA"}});
  EXPECT_EQ(reversed.status, 400);
  EXPECT_NE(reversed.body.find("direction mark"), std::string::npos);
  auto zero_width =
      reader.Submit("/account", "/account/name", {{"display_name", "Ad\xe2\x80\x8bmin"}});
  EXPECT_EQ(zero_width.status, 400);
  // A reader may call themselves "Editor"; only staff get the badge.
  ASSERT_EQ(reader.Submit("/account", "/account/name", {{"display_name", "Editor"}}).status, 303);
  ASSERT_EQ(RunDateline(site_.With({"subscription", "grant", "names@example.org", "--plan",
                                    "digital-monthly", "--until", "2099-01-01"}))
                .exit_code,
            0);
  const std::string article = "/articles/kerry-lavrov-syria-truce";
  ASSERT_EQ(reader.Submit(article, article + "/comments", {{"body", "From a reader"}}).status, 303);
  Browser& staff = SignedIn("staffer@example.org", "editor");
  ASSERT_EQ(staff.Submit(article, article + "/comments", {{"body", "From the desk"}}).status, 303);
  std::string page = Browser(server_->port()).Get(article).body;
  auto badge_after = [&](const std::string& text) {
    size_t at = page.find(text);
    size_t start = page.rfind("<article class=\"comment", at);
    return page.substr(start, at - start).find("badge--staff") != std::string::npos;
  };
  EXPECT_TRUE(badge_after("From the desk"));
  EXPECT_FALSE(badge_after("From a reader"));
}

TEST_F(ReaderAnswersTest, SigningUpAtTheWallLeadsBackToTheStory) {
  std::ofstream(site_.File("wall.md")) << "---\nheadline: Behind the wall\nslug: wall\naccess: "
                                          "registered\n---\nOpen part.\n\nSecond part.\n\n"
                                          "WALLEDTEXT.\n";
  ASSERT_EQ(RunDateline(site_.With({"article", "publish", site_.File("wall.md")})).exit_code, 0);
  Browser reader(server_->port());
  auto story = reader.Get("/articles/wall");
  ASSERT_NE(story.body.find("href=\"/signup?next=%2Farticles%2Fwall\""), std::string::npos);
  std::string email = UniqueEmail("wall");
  auto signed_up = reader.Submit("/signup?next=%2Farticles%2Fwall", "/signup",
                                 {{"email", email},
                                  {"display_name", "Wall Reader"},
                                  {"password", "correct horse battery staple"},
                                  {"next", "/articles/wall"}});
  ASSERT_EQ(signed_up.status, 200);
  EXPECT_NE(signed_up.body.find("/login?next=%2Farticles%2Fwall"), std::string::npos);
  auto mail = WaitForMail(email, "Confirm your email");
  ASSERT_TRUE(mail);
  auto at = mail->text.find("/verify?token=");
  ASSERT_NE(at, std::string::npos);
  std::string link = mail->text.substr(at, mail->text.find_first_of(" \r\n", at) - at);
  EXPECT_NE(link.find("&next=%2Farticles%2Fwall"), std::string::npos) << link;
  auto page = reader.Get(link);
  std::string token = page.body.substr(page.body.find("name=\"token\" value=\"") + 20, 43);
  auto confirmed = reader.Post(
      "/verify",
      FormEncode({{"csrf", CsrfIn(page.body)}, {"token", token}, {"next", "/articles/wall"}}));
  EXPECT_EQ(confirmed.status, 200);
  EXPECT_NE(confirmed.body.find("/login?next=%2Farticles%2Fwall"), std::string::npos);
  auto login = reader.Submit(
      "/login?next=%2Farticles%2Fwall", "/login",
      {{"email", email}, {"password", "correct horse battery staple"}, {"next", "/articles/wall"}});
  EXPECT_EQ(login.status, 303);
  EXPECT_EQ(login.Header("location"), "/articles/wall");
  EXPECT_NE(reader.Get("/articles/wall").body.find("WALLEDTEXT"), std::string::npos);
  // A gift code redeemed from a story's paywall leads back to it as well.
  auto redeem_page = reader.Get("/subscribe/redeem?next=%2Farticles%2Fwall");
  EXPECT_NE(redeem_page.body.find("name=\"next\" value=\"/articles/wall\""), std::string::npos);
  auto redeemed = reader.Post("/subscribe/redeem", FormEncode({{"csrf", CsrfIn(redeem_page.body)},
                                                               {"code", GiftCode(30)},
                                                               {"next", "/articles/wall"}}));
  EXPECT_EQ(redeemed.status, 200) << redeemed.body;
  EXPECT_NE(redeemed.body.find("href=\"/articles/wall\""), std::string::npos);
}

TEST_F(ReaderAnswersTest, SmallThingsReadersNoticed) {
  // Browsers ask for /favicon.ico whatever the page says.
  auto icon = Fetch(server_->port(), "GET", "/favicon.ico");
  ASSERT_TRUE(icon);
  EXPECT_EQ(icon->status, 301);
  auto svg = Fetch(server_->port(), "GET", icon->Header("location"));
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->status, 200);
  EXPECT_NE(svg->Header("content-type").find("svg"), std::string::npos);
  // The reset email reads as English.
  std::string email = UniqueEmail("wording");
  ASSERT_EQ(RunDateline(site_.With({"user", "add", email})).exit_code, 0);
  Browser b(server_->port());
  ASSERT_EQ(b.Submit("/reset", "/reset", {{"email", email}}).status, 200);
  auto mail = WaitForMail(email, "reset code");
  ASSERT_TRUE(mail);
  EXPECT_NE(mail->text.find("your account at The Dateline"), std::string::npos) << mail->text;
  EXPECT_EQ(mail->text.find("your The Dateline"), std::string::npos);
  // The page with every comment of a story has its own heading.
  auto comments = b.Get("/articles/kerry-lavrov-syria-truce/comments");
  EXPECT_NE(comments.body.find("<h1"), std::string::npos);
}

TEST_F(ReaderAnswersTest, SearchMatchesWholeWords) {
  std::ofstream(site_.File("knot.md")) << "---\nheadline: Sailing knots explained\nslug: knots\n"
                                          "---\nNothing here is certain, but a knot holds.\n";
  ASSERT_EQ(RunDateline(site_.With({"article", "publish", site_.File("knot.md")})).exit_code, 0);
  Browser anyone(server_->port());
  EXPECT_NE(anyone.Get("/search?q=NOT").body.find("No stories match"), std::string::npos);
  EXPECT_NE(anyone.Get("/search?q=knot").body.find("/articles/knots"), std::string::npos);
  EXPECT_NE(anyone.Get("/search?q=a+knot+holds").body.find("/articles/knots"), std::string::npos);
}

}  // namespace
}  // namespace dateline::testing

namespace dateline::testing {
namespace {

// Lists that stopped at 50: every one pages with a cursor and says how many there are.
TEST(ListsTest, MembersAndTheApiReachEveryRowWithATotal) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  std::string users =
      "INSERT INTO users (email, display_name, password_hash, created_at, "
      "updated_at) VALUES ";
  std::string articles =
      "INSERT INTO articles (slug, headline, body_markdown, access, status, "
      "published_at, created_at, updated_at) VALUES ";
  for (int i = 0; i < 70; ++i) {
    std::string n = std::to_string(i);
    users += (i ? ", ('" : "('") + std::string("member") + n + "@example.org', 'Member " + n +
             "', 'x', 1, 1)";
    articles += (i ? ", ('" : "('") + std::string("story-") + n + "', 'Story " + n +
                "', 'Text.', 'free', 'published', " + std::to_string(1000 + i % 7) + ", 1, 1)";
  }
  ASSERT_TRUE(site.RunSql(users).ok());
  ASSERT_TRUE(site.RunSql(articles).ok());
  std::string password = OneTimePasswordIn(
      RunDateline(site.With({"user", "add", "boss@example.org", "--role", "admin"})));
  Browser admin(server->port());
  ASSERT_EQ(admin.LogInFirstTime("boss@example.org", password).status, 303);
  // /admin/members: the admin, the first-start admin and the 70 members, page by page.
  std::set<std::string> seen;
  std::string url = "/admin/members";
  int pages = 0;
  while (!url.empty() && pages < 10) {
    auto page = admin.Get(url);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("72 members."), std::string::npos);
    for (size_t at = page.body.find("member"); at != std::string::npos;
         at = page.body.find("member", at + 1)) {
      size_t end = page.body.find("@example.org", at);
      if (end != std::string::npos && end - at < 10) seen.insert(page.body.substr(at, end - at));
    }
    size_t next = page.body.find("rel=\"next\"");
    if (next == std::string::npos) break;
    size_t href = page.body.rfind("href=\"", next) + 6;
    url = page.body.substr(href, page.body.find('"', href) - href);
    for (size_t amp; (amp = url.find("&amp;")) != std::string::npos;) url.replace(amp, 5, "&");
    ++pages;
  }
  EXPECT_EQ(seen.size(), 70u);
  EXPECT_GE(pages, 1);
  auto found = admin.Get("/admin/members?q=member6");
  EXPECT_NE(found.body.find("11 members match"), std::string::npos);  // 6, 60..69
  // /api/articles: 70 stories and the demo one, 50 at a time, each exactly once.
  std::set<std::string> slugs;
  std::string api = "/api/articles";
  for (int i = 0; i < 5 && !api.empty(); ++i) {
    auto page = Fetch(server->port(), "GET", api);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << api;
    EXPECT_NE(page->body.find("\"total\":71"), std::string::npos);
    for (size_t at = page->body.find("\"slug\":\""); at != std::string::npos;
         at = page->body.find("\"slug\":\"", at + 1)) {
      size_t start = at + 8;
      EXPECT_TRUE(
          slugs.insert(page->body.substr(start, page->body.find('"', start) - start)).second);
    }
    size_t next = page->body.find("\"next\":\"");
    api = next == std::string::npos
              ? ""
              : page->body.substr(page->body.find("/api/", next),
                                  page->body.find('"', next + 8) - page->body.find("/api/", next));
  }
  EXPECT_EQ(slugs.size(), 71u);
  EXPECT_EQ(Fetch(server->port(), "GET", "/api/articles?after=garbage")->status, 400);
}

}  // namespace
}  // namespace dateline::testing
