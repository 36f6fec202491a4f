// Readers and newsletters through a real server and the real SMTP test server, on both
// stores: sign-up is double opt-in (the link's page needs a button press), one-click
// unsubscribe works by a POST with no cookie (RFC 8058), the paywall holds in email, the
// issue's segment chooses its readers, a 4xx is retried and a 5xx is not.

#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

// The path of the first link in `text` that starts with `prefix` (after the site's
// address), or empty.
std::string PathOfLink(const std::string& text, const std::string& prefix) {
  size_t at = text.find(prefix);
  if (at == std::string::npos) return "";
  size_t end = text.find_first_of(" \r\n\"<>", at);
  return text.substr(at, end - at);
}

// A header's value in a raw message (the first of that name), or empty.
std::string HeaderOf(const std::string& raw, const std::string& name) {
  std::string needle = "\r\n" + name + ": ";
  size_t at = raw.find(needle);
  if (at == std::string::npos) return "";
  at += needle.size();
  return raw.substr(at, raw.find("\r\n", at) - at);
}

class NewsletterSignupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(site_.File("dateline.toml")) << "[newsletters]\nretry_seconds = 1\n";
    RunOk(site_, {"newsletter", "add", "Morning Briefing", "--description", "At seven."});
    server_ = ServerProcess::Start(site_, {"--config", site_.File("dateline.toml")});
    ASSERT_NE(server_, nullptr);
  }
  // Waits until no copy of any issue is queued.
  bool SendsSettle() {
    return WaitFor(
        [&] {
          return site_.QueryInt(
                     "SELECT COUNT(*) FROM newsletter_deliveries WHERE state = 'queued'") == 0 &&
                 site_.QueryInt("SELECT COUNT(*) FROM newsletter_issues WHERE state <> 'sent'") ==
                     0;
        },
        std::chrono::seconds(20));
  }
  int64_t Members(const std::string& state) {
    return site_.QueryInt("SELECT COUNT(*) FROM newsletter_members WHERE state = '" + state + "'");
  }
  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(NewsletterSignupTest, SignUpTakesTheButtonAndOneClickLeavesWithoutACookie) {
  std::string email = UniqueEmail("briefing");
  Browser visitor(server_->port());
  // The box under a story asks by GET and lands here filled in.
  auto box = visitor.Get("/newsletters?newsletter=morning-briefing&email=" + email);
  ASSERT_EQ(box.status, 200);
  EXPECT_NE(box.body.find("value=\"" + email + "\""), std::string::npos);
  EXPECT_NE(box.body.find("value=\"morning-briefing\" checked"), std::string::npos);
  // A bad address comes back with what was typed.
  auto bad = visitor.Submit("/newsletters", "/newsletters",
                            {{"email", "not-an-address"}, {"newsletter", "morning-briefing"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("not-an-address"), std::string::npos);
  auto asked = visitor.Submit("/newsletters", "/newsletters",
                              {{"email", email}, {"newsletter", "morning-briefing"}});
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_NE(asked.body.find("Check your email"), std::string::npos);
  auto mail = WaitForMail(email, "Confirm your newsletters");
  ASSERT_TRUE(mail);
  std::string confirm = PathOfLink(mail->text, "/newsletters/confirm?token=");
  ASSERT_FALSE(confirm.empty()) << mail->text;
  EXPECT_EQ(Members("pending"), 1);
  // Opening the link (a mail scanner does) changes nothing; the button does.
  auto page = visitor.Get(confirm);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Morning Briefing"), std::string::npos);
  EXPECT_EQ(Members("confirmed"), 0);
  std::string token = confirm.substr(confirm.find('=') + 1);
  auto pressed = visitor.Submit(confirm, "/newsletters/confirm", {{"token", token}});
  ASSERT_EQ(pressed.status, 200);
  EXPECT_NE(pressed.body.find("You are signed up"), std::string::npos);
  EXPECT_EQ(Members("confirmed"), 1);
  // Used once: the link is spent, and asking again says the same as ever and sends nothing.
  EXPECT_EQ(visitor.Get(confirm).status, 404);
  auto again = visitor.Submit("/newsletters", "/newsletters",
                              {{"email", email}, {"newsletter", "morning-briefing"}});
  EXPECT_EQ(again.body, asked.body);

  RunOk(site_, {"newsletter", "send", "morning-briefing", "--article", "kerry-lavrov-syria-truce"});
  auto issue = WaitForMail(email, "Kerry, Lavrov");
  ASSERT_TRUE(issue);
  EXPECT_EQ(CountMail(email, "Confirm your newsletters"), 1);
  // What every issue carries (RFC 2369, RFC 8058, and what mailbox providers ask of bulk).
  std::string unsubscribe = HeaderOf(issue->raw, "List-Unsubscribe");
  ASSERT_EQ(unsubscribe.front(), '<');
  EXPECT_EQ(HeaderOf(issue->raw, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  EXPECT_NE(HeaderOf(issue->raw, "List-Id").find("<morning-briefing.newsletters."),
            std::string::npos);
  EXPECT_NE(HeaderOf(issue->raw, "Message-ID").find("@"), std::string::npos);
  EXPECT_FALSE(HeaderOf(issue->raw, "Date").empty());
  EXPECT_FALSE(HeaderOf(issue->raw, "Feedback-ID").empty());
  EXPECT_EQ(issue->raw.rfind("Return-Path: <bounces+d", 0), 0u) << issue->raw.substr(0, 200);
  EXPECT_NE(issue->html.find("GENEVA"), std::string::npos);
  EXPECT_NE(issue->text.find("Unsubscribe: http"), std::string::npos);
  EXPECT_EQ(issue->html.find("<script"), std::string::npos);
  std::string link = unsubscribe.substr(unsubscribe.find("/newsletters/"));
  link.pop_back();  // '>'
  // A forged key is refused and changes nothing.
  std::string forged = link.substr(0, link.size() - 1) + (link.back() == '0' ? "1" : "0");
  auto refused =
      Fetch(server_->port(), "POST", forged, {"Content-Type: application/x-www-form-urlencoded"},
            "List-Unsubscribe=One-Click");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 404);
  EXPECT_EQ(Members("confirmed"), 1);
  // The mail client's one-click POST: no cookie, no form token.
  auto left =
      Fetch(server_->port(), "POST", link, {"Content-Type: application/x-www-form-urlencoded"},
            "List-Unsubscribe=One-Click");
  ASSERT_TRUE(left);
  EXPECT_EQ(left->status, 200);
  EXPECT_EQ(Members("confirmed"), 0);
  EXPECT_EQ(Members("unsubscribed"), 1);
  // The next issue does not go to them.
  RunOk(site_, {"newsletter", "send", "morning-briefing", "--article", "kerry-lavrov-syria-truce",
                "--subject", "Second issue"});
  ASSERT_TRUE(SendsSettle());
  EXPECT_EQ(CountMail(email, "Second issue"), 0);
  // The preferences page (same key) brings them back without a new confirmation.
  std::string preferences = link;
  preferences.replace(preferences.find("unsubscribe"), 11, "preferences");
  auto prefs = Browser(server_->port()).Get(preferences);
  ASSERT_EQ(prefs.status, 200);
  EXPECT_NE(prefs.body.find(email), std::string::npos);
  auto back = Fetch(server_->port(), "POST", preferences,
                    {"Content-Type: application/x-www-form-urlencoded"},
                    "choices=1&newsletter=morning-briefing");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, 200);
  EXPECT_EQ(Members("confirmed"), 1);
  // The archive lists what was sent.
  auto archive = visitor.Get("/newsletters/morning-briefing");
  EXPECT_NE(archive.body.find("Second issue"), std::string::npos);
  EXPECT_NE(archive.body.find("/articles/kerry-lavrov-syria-truce"), std::string::npos);
}

TEST_F(NewsletterSignupTest, ThePaywallHoldsInEmailAndSegmentsChooseReaders) {
  std::ofstream(site_.File("paid.md"))
      << "---\nheadline: The subscribers' story\nslug: subscribers-story\naccess: "
         "subscribers\n---\n\nThe first paragraph is for everyone.\n\nThe second as "
         "well.\n\nThe third is past the cut: NEWSLETTER-SECRET-ENDING.\n";
  RunOk(site_, {"article", "publish", site_.File("paid.md")});
  std::string subscriber = UniqueEmail("subscriber");
  std::string reader = UniqueEmail("free-reader");
  RunOk(site_, {"user", "add", subscriber});
  RunOk(site_, {"subscription", "grant", subscriber, "--plan", "digital-monthly", "--until",
                "2099-12-31"});
  std::string refused = UniqueEmail("nobody");
  refused = refused.substr(0, refused.find('@')) + "@refuse.test";
  std::string deferred = UniqueEmail("later");
  deferred = deferred.substr(0, deferred.find('@')) + "@defer.test";
  std::ofstream(site_.File("list.csv")) << "email,name,consent\n"
                                        << subscriber << ",Sub Scriber,2024-01-02\n"
                                        << reader << ",\"Free, Reader\",2024-01-03T10:00Z\n"
                                        << refused << ",,2024-01-04\n"
                                        << deferred << ",,2024-01-05\n"
                                        << "no-consent@example.org,No Consent,\n"
                                        << "not an address,,2024-01-01\n";
  auto imported =
      RunDateline(site_.With({"newsletter", "import", "morning-briefing", site_.File("list.csv")}));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("6 rows: 4 on the list, 0 kept out"), std::string::npos)
      << imported.output;
  EXPECT_NE(imported.output.find("line 6: no consent date"), std::string::npos);
  EXPECT_NE(imported.output.find("line 7: not an email address"), std::string::npos);
  EXPECT_EQ(site_.QueryInt("SELECT COUNT(*) FROM newsletter_members WHERE consent_at = " +
                           std::to_string(1704240000 + 36000)),
            1);  // 2024-01-03T10:00Z, as imported

  RunOk(site_, {"newsletter", "send", "morning-briefing", "--article", "subscribers-story"});
  auto full = WaitForMail(subscriber, "The subscribers");
  auto cut = WaitForMail(reader, "The subscribers");
  ASSERT_TRUE(full && cut);
  EXPECT_NE(full->html.find("NEWSLETTER-SECRET-ENDING"), std::string::npos);
  EXPECT_NE(full->text.find("NEWSLETTER-SECRET-ENDING"), std::string::npos);
  EXPECT_EQ(cut->raw.find("NEWSLETTER-SECRET-ENDING"), std::string::npos);
  EXPECT_EQ(cut->html.find("NEWSLETTER-SECRET-ENDING"), std::string::npos);
  EXPECT_EQ(cut->text.find("NEWSLETTER-SECRET-ENDING"), std::string::npos);
  EXPECT_NE(cut->html.find("The rest of this story is for subscribers"), std::string::npos);
  EXPECT_NE(cut->html.find("The second as well."), std::string::npos);
  // A 4xx is tried again (and then taken); a 5xx fails at once, for good.
  ASSERT_TRUE(SendsSettle());
  EXPECT_EQ(CountMail(deferred, "The subscribers"), 1);
  EXPECT_EQ(
      site_.QueryInt("SELECT attempts FROM newsletter_deliveries WHERE email = '" + deferred + "'"),
      2);
  EXPECT_EQ(site_.QueryInt("SELECT COUNT(*) FROM newsletter_deliveries WHERE email = '" + refused +
                           "' AND state = 'failed' AND attempts = 1"),
            1);
  auto status = RunDateline(site_.With({"newsletter", "status", "morning-briefing"}));
  EXPECT_NE(status.output.find("queued=0 sent=3 failed=1"), std::string::npos) << status.output;

  // Only readers with digital access: the free reader's copy is skipped.
  RunOk(site_, {"newsletter", "send", "morning-briefing", "--article", "subscribers-story",
                "--segment", "paid", "--subject", "For subscribers only"});
  ASSERT_TRUE(WaitForMail(subscriber, "For subscribers only"));
  ASSERT_TRUE(SendsSettle());
  EXPECT_EQ(CountMail(reader, "For subscribers only"), 0);
  EXPECT_EQ(site_.QueryInt("SELECT COUNT(*) FROM newsletter_deliveries WHERE email = '" + reader +
                           "' AND state = 'skipped' AND skip_reason = 'segment'"),
            1);
  // And the other way round.
  RunOk(site_, {"newsletter", "send", "morning-briefing", "--article", "subscribers-story",
                "--segment", "free", "--subject", "For the others"});
  ASSERT_TRUE(WaitForMail(reader, "For the others"));
  ASSERT_TRUE(SendsSettle());
  EXPECT_EQ(CountMail(subscriber, "For the others"), 0);
}

TEST_F(NewsletterSignupTest, PaidNewslettersAreForReadersWithAccessOnly) {
  RunOk(site_, {"newsletter", "add", "Insider", "--paid"});
  Browser visitor(server_->port());
  auto page = visitor.Get("/newsletters");
  EXPECT_NE(page.body.find("value=\"insider\" disabled"), std::string::npos);
  auto refused = visitor.Submit("/newsletters", "/newsletters",
                                {{"email", UniqueEmail("outsider")}, {"newsletter", "insider"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("for subscribers with digital access"), std::string::npos);
  // A signed-in subscriber with a verified address chooses it on the spot.
  auto staff = SignedInAs(site_, *server_, "editor", "editor");
  auto saved = staff->Submit("/newsletters", "/account/newsletters", {{"newsletter", "insider"}});
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(site_.QueryInt("SELECT COUNT(*) FROM newsletter_members m JOIN newsletters n ON "
                           "n.id = m.newsletter_id WHERE n.slug = 'insider' AND m.state = "
                           "'confirmed' AND m.source = 'account'"),
            1);
  // The account page lists them too, and saves there: leaving Insider, joining the other.
  auto account = staff->Get("/account");
  EXPECT_NE(account.body.find("value=\"insider\" checked"), std::string::npos);
  auto from_account = staff->Submit("/account", "/account/newsletters",
                                    {{"from", "account"}, {"newsletter", "morning-briefing"}});
  EXPECT_EQ(from_account.status, 303);
  EXPECT_EQ(from_account.Header("location"), "/account?done=newsletters");
  EXPECT_NE(staff->Get("/account?done=newsletters").body.find("Your newsletters are saved."),
            std::string::npos);
  EXPECT_EQ(Members("confirmed"), 1);
  EXPECT_EQ(Members("unsubscribed"), 1);
}

}  // namespace
}  // namespace dateline::testing
