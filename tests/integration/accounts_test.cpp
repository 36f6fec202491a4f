// Reader accounts over HTTP, with real email through the test SMTP server: sign-up,
// confirmation, sign-in, sessions, CSRF, redirects, and password reset by emailed code.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <regex>

#include "harness.hpp"
#include "shared_server.hpp"

namespace dateline::testing {
namespace {

constexpr const char* kPassword = "correct horse battery staple";
constexpr const char* kNewPassword = "a different long passphrase";

class AccountsTest : public SharedServerTest<AccountsTest> {
 protected:
  // Signs up a new reader and returns their address (the confirmation email is consumed).
  static std::string SignUp(Browser& b, const std::string& prefix, ReceivedMail* mail = nullptr) {
    std::string email = UniqueEmail(prefix);
    auto r = b.Submit("/signup", "/signup",
                      {{"email", email}, {"display_name", "Ann Reader"}, {"password", kPassword}});
    EXPECT_EQ(r.status, 200) << r.body;
    auto m = WaitForMail(email, "Confirm your email");
    EXPECT_TRUE(m) << "no confirmation email for " << email;
    if (m && mail) *mail = *m;
    return email;
  }
  static HttpResponse LogIn(Browser& b, const std::string& email, const std::string& password,
                            const std::string& next = "/", bool remember = false) {
    std::vector<std::pair<std::string, std::string>> fields = {
        {"email", email}, {"password", password}, {"next", next}};
    if (remember) fields.emplace_back("remember", "1");
    return b.Submit("/login", "/login", fields);
  }
};

// Blanks the CSRF token, the only part of a form page that differs per visitor.
std::string WithoutTokens(const std::string& html) {
  return std::regex_replace(html, std::regex("value=\"[0-9a-f]{64}\""), "value=\"\"");
}

TEST_F(AccountsTest, SignUpConfirmByCodeLogInAndOut) {
  Browser b(port());
  ReceivedMail mail;
  std::string email = SignUp(b, "flow", &mail);
  std::string code = CodeIn(mail.text);
  ASSERT_FALSE(code.empty()) << mail.text;
  EXPECT_NE(mail.raw.find("Message-ID: <"), std::string::npos);
  EXPECT_NE(mail.raw.find("Content-Type: multipart/alternative"), std::string::npos);
  // The receiving server puts Return-Path (the envelope sender) first; ours come next.
  EXPECT_EQ(mail.raw.rfind("Return-Path: <", 0), 0u);
  EXPECT_NE(mail.raw.find(">\r\nDate: "), std::string::npos);
  EXPECT_NE(mail.raw.find("\r\nSubject: Confirm your email"), std::string::npos);

  auto login = LogIn(b, email, kPassword, "/articles/kerry-lavrov-syria-truce");
  EXPECT_EQ(login.status, 303);
  EXPECT_EQ(login.Header("location"), "/articles/kerry-lavrov-syria-truce");
  auto account = b.Get("/account");
  ASSERT_EQ(account.status, 200);
  EXPECT_NE(account.body.find("not confirmed"), std::string::npos);
  // The masthead knows the reader on every page, including cached ones.
  EXPECT_NE(b.Get("/articles/kerry-lavrov-syria-truce").body.find("Ann Reader"), std::string::npos);

  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  auto verified = b.Submit("/verify", "/verify", {{"code", lower}});  // case does not matter
  EXPECT_EQ(verified.status, 200) << verified.body;
  EXPECT_NE(b.Get("/account").body.find("badge\">confirmed"), std::string::npos);

  auto logout = b.Submit("/account", "/logout", {});
  EXPECT_EQ(logout.status, 303);
  EXPECT_EQ(b.Get("/account").status, 303);  // back to the sign-in page
}

TEST_F(AccountsTest, ConfirmationLinkOpensAPageAndOnlyTheButtonConfirms) {
  Browser b(port());
  ReceivedMail mail;
  std::string email = SignUp(b, "link", &mail);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(mail.text, m, std::regex("(/verify\\?token=[A-Za-z0-9_-]{43})")));
  std::string link = m[1].str();
  // Built from the site URL, with the port the server really listens on.
  EXPECT_NE(mail.text.find("http://127.0.0.1:" + std::to_string(port()) + "/verify?token="),
            std::string::npos)
      << mail.text;

  Browser scanner(port());  // a mail scanner follows the link, twice
  EXPECT_EQ(scanner.Get(link).status, 200);
  EXPECT_EQ(scanner.Get(link).Header("referrer-policy"), "no-referrer");
  LogIn(b, email, kPassword);
  EXPECT_NE(b.Get("/account").body.find("not confirmed"), std::string::npos);

  auto page = b.Get(link);
  std::smatch t;
  ASSERT_TRUE(std::regex_search(page.body, t, std::regex("name=\"token\" value=\"([^\"]+)\"")));
  auto confirmed =
      b.Post("/verify", FormEncode({{"csrf", CsrfIn(page.body)}, {"token", t[1].str()}}));
  EXPECT_EQ(confirmed.status, 200);
  EXPECT_NE(b.Get("/account").body.find("badge\">confirmed"), std::string::npos);
  // Pressed again: the address is confirmed, and the page says so (not "expired").
  auto again = b.Post("/verify", FormEncode({{"csrf", CsrfIn(page.body)}, {"token", t[1].str()}}));
  EXPECT_EQ(again.status, 200);
  EXPECT_NE(again.body.find("already confirmed"), std::string::npos);
  EXPECT_EQ(again.body.find("expired"), std::string::npos);
  // A link cut short by a mail client gets an explanation, not a bare code form.
  auto cut = b.Get(link.substr(0, link.size() - 5));
  EXPECT_EQ(cut.status, 400);
  EXPECT_NE(cut.body.find("link is incomplete"), std::string::npos);
}

TEST_F(AccountsTest, AReplacedConfirmationLinkSaysWhy) {
  Browser b(port());
  ReceivedMail first;
  std::string email = SignUp(b, "replaced", &first);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(first.text, m, std::regex("(/verify\\?token=[A-Za-z0-9_-]{43})")));
  LogIn(b, email, kPassword);
  ASSERT_EQ(b.Submit("/account", "/account/verify/resend", {}).status, 303);
  ASSERT_TRUE(WaitForMail(email, "Confirm your email"));
  auto page = b.Get(m[1].str());
  std::smatch t;
  ASSERT_TRUE(std::regex_search(page.body, t, std::regex("name=\"token\" value=\"([^\"]+)\"")));
  auto old = b.Post("/verify", FormEncode({{"csrf", CsrfIn(page.body)}, {"token", t[1].str()}}));
  EXPECT_EQ(old.status, 400);
  EXPECT_NE(old.body.find("newer confirmation email replaced this link"), std::string::npos);
}

TEST_F(AccountsTest, SignUpDoesNotRevealWhetherAnAddressIsTaken) {
  Browser a(port()), b(port());
  std::string email = SignUp(a, "taken");
  auto again = b.Submit("/signup", "/signup",
                        {{"email", email}, {"display_name", "Someone"}, {"password", kPassword}});
  auto fresh = b.Submit(
      "/signup", "/signup",
      {{"email", UniqueEmail("fresh")}, {"display_name", "Someone"}, {"password", kPassword}});
  EXPECT_EQ(again.status, fresh.status);
  EXPECT_EQ(WithoutTokens(again.body), WithoutTokens(fresh.body));
  EXPECT_TRUE(WaitForMail(email, "already have an account"));
}

TEST_F(AccountsTest, BadSignUpInputReRendersTheFormAndWritesNothing) {
  Browser b(port());
  struct Case {
    std::string email, name, password;
    std::string says;
  } cases[] = {
      {"not-an-email", "Ann", kPassword, "valid email"},
      {UniqueEmail("short"), "Ann", "short", "at least 12"},
      {UniqueEmail("common"), "Ann", "password1234", "common"},
      {UniqueEmail("noname"), "   ", kPassword, "name"},
      {UniqueEmail("long"), std::string(61, 'n'), kPassword, "60 characters"},
      {UniqueEmail("huge"), "Ann", std::string(300, 'p') + "x", "at most 256"},
  };
  for (const auto& c : cases) {
    auto r = b.Submit("/signup", "/signup",
                      {{"email", c.email}, {"display_name", c.name}, {"password", c.password}});
    EXPECT_EQ(r.status, 400) << c.email;
    EXPECT_NE(r.body.find(c.says), std::string::npos) << c.says;
    EXPECT_NE(r.body.find("<form method=\"post\" action=\"/signup\""), std::string::npos);
    if (c.email.find('@') != std::string::npos) {
      EXPECT_EQ(LogIn(b, c.email, c.password).status, 401) << "no account was created";
    }
  }
  // Not UTF-8, and not a form at all.
  auto bad_bytes = b.Post("/signup", "csrf=x&email=%FF%FE&password=x");
  EXPECT_EQ(bad_bytes.status, 400);
  auto json = Fetch(port(), "POST", "/signup", {"Content-Type: application/json"}, "{}");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 415);
}

TEST_F(AccountsTest, FormsWithoutTheRightTokenOrFromAnotherSiteAreRefused) {
  Browser b(port());
  std::string email = SignUp(b, "csrf");
  auto page = b.Get("/login");
  std::string token = CsrfIn(page.body);
  std::string good = FormEncode({{"email", email}, {"password", kPassword}, {"csrf", token}});
  struct Case {
    std::string body;
    std::vector<std::string> headers;
  } cases[] = {
      {FormEncode({{"email", email}, {"password", kPassword}}), {}},
      {FormEncode({{"email", email}, {"password", kPassword}, {"csrf", std::string(64, 'a')}}), {}},
      {good, {"Origin: http://evil.example"}},
      {good, {"Sec-Fetch-Site: cross-site"}},
  };
  for (const auto& c : cases) {
    auto r = b.Post("/login", c.body, c.headers);
    EXPECT_EQ(r.status, 403) << c.body;
    EXPECT_TRUE(b.CookieValue("dl_session").empty()) << "no session was opened";
  }
  Browser stranger(port());  // the token belongs to another browser's cookie
  EXPECT_EQ(stranger.Post("/login", good).status, 403);
  EXPECT_EQ(b.Post("/login", good, {"Sec-Fetch-Site: same-origin"}).status, 303);
}

TEST_F(AccountsTest, AfterLogInOnlySameSitePathsAreFollowed) {
  Browser b(port());
  std::string email = SignUp(b, "redirect");
  struct Case {
    std::string next, location;
  } cases[] = {
      {"/articles/kerry-lavrov-syria-truce", "/articles/kerry-lavrov-syria-truce"},
      {"//evil.example/x", "/"},
      {"https://evil.example/", "/"},
      {"/\\evil.example", "/"},
      {"javascript:alert(1)", "/"},
      {"/ok\r\nSet-Cookie: x=1", "/"},
  };
  for (const auto& c : cases) {
    Browser fresh(port());
    auto r = LogIn(fresh, email, kPassword, c.next);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.Header("location"), c.location) << c.next;
  }
}

TEST_F(AccountsTest, SessionCookieFlagsAndRotation) {
  Browser b(port());
  std::string email = SignUp(b, "cookie");
  auto first = LogIn(b, email, kPassword);
  std::string cookie = first.Header("set-cookie");
  EXPECT_NE(cookie.find("dl_session="), std::string::npos);
  for (const char* flag : {"HttpOnly", "SameSite=Lax", "Path=/"}) {
    EXPECT_NE(cookie.find(flag), std::string::npos) << flag;
  }
  EXPECT_EQ(cookie.find("Max-Age"), std::string::npos) << "a browser-session cookie";
  std::string before = b.CookieValue("dl_session");
  // Signing in again from a signed-in browser (/login itself redirects such a browser, so
  // the form token comes from another page).
  auto remembered =
      b.Submit("/reset", "/login", {{"email", email}, {"password", kPassword}, {"remember", "1"}});
  EXPECT_NE(remembered.Header("set-cookie").find("Max-Age=2592000"), std::string::npos);
  EXPECT_NE(b.CookieValue("dl_session"), before) << "a new session id at each sign-in";
  Browser thief(port());
  auto stolen = thief.Get("/account", {"Cookie: dl_session=" + before});
  EXPECT_EQ(stolen.status, 303) << "the old session ended with the new sign-in";
}

TEST_F(AccountsTest, WrongPasswordsAreRefusedThenRateLimited) {
  Browser b(port());
  std::string email = SignUp(b, "limit");
  auto wrong = LogIn(b, email, "not the password at all");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("email or password is not right"), std::string::npos);
  EXPECT_EQ(
      LogIn(b, UniqueEmail("nobody"), kPassword).body.find("email or password is not right") !=
          std::string::npos,
      true);
  for (int i = 0; i < 9; ++i) LogIn(b, email, "still the wrong password");
  auto limited = LogIn(b, email, kPassword);  // right password, but too many failures
  EXPECT_EQ(limited.status, 429);
  EXPECT_TRUE(b.CookieValue("dl_session").empty());
  // Only from where the guesses came: the owner elsewhere signs in.
  Browser owner(port());
  auto elsewhere =
      owner.Submit("/login", "/login", {{"email", email}, {"password", kPassword}, {"next", "/"}},
                   {"X-Forwarded-For: 192.0.2.44"});
  EXPECT_EQ(elsewhere.status, 303);
}

// An answer that takes longer for real accounts tells who has one. Both kinds of request
// do the same durable work now (the lookup and the code happen in the reset job), so the
// medians of alternating requests agree; before, a real account cost an extra fsync.
TEST_F(AccountsTest, ResetAnswersTakeTheSameTimeWhetherOrNotTheAccountExists) {
  constexpr int kRounds = 31;
  std::vector<std::string> known;
  for (int i = 0; i < kRounds; ++i) {
    std::string email = UniqueEmail("timing");
    ASSERT_EQ(RunDateline(site_->With({"user", "add", email})).exit_code, 0);
    known.push_back(email);
  }
  Browser b(port());
  std::string csrf = CsrfIn(b.Get("/reset").body);
  auto timed = [&](const std::string& email, const std::string& from) {
    auto started = std::chrono::steady_clock::now();
    auto r = b.Post("/reset", FormEncode({{"email", email}, {"csrf", csrf}}),
                    {"X-Forwarded-For: " + from});
    EXPECT_EQ(r.status, 200);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
        .count();
  };
  // Each round times one of each, back to back, and keeps the difference: a busy machine
  // slows both of a pair alike, so the median difference measures the work, not the load.
  std::vector<double> with_account, without, gaps;
  for (int i = 0; i < kRounds; ++i) {
    with_account.push_back(timed(known[static_cast<size_t>(i)], "198.51.100." + std::to_string(i)));
    without.push_back(timed(UniqueEmail("nobody"), "203.0.113." + std::to_string(i)));
    gaps.push_back(with_account.back() - without.back());
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  EXPECT_LT(std::abs(median(gaps)), 1.0)
      << "ms: " << median(with_account) << " vs " << median(without);
  EXPECT_TRUE(WaitForMail(known.front(), "reset code")) << "the job still sends the codes";
}

TEST_F(AccountsTest, ResetPageSaysWhatThePaperSaid) {
  auto r = Fetch(port(), "GET", "/reset");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("Use the form below to reset your password. When you've submitted your "
                         "account email, we will send an email with a reset code."),
            std::string::npos);
  EXPECT_EQ(r->Header("referrer-policy"), "no-referrer");
}

TEST_F(AccountsTest, ResetAnswersTheSameForKnownAndUnknownAddresses) {
  Browser owner(port()), b(port());
  std::string known = SignUp(owner, "known");
  std::string unknown = UniqueEmail("unknown");
  auto a = b.Submit("/reset", "/reset", {{"email", known}});
  auto c = b.Submit("/reset", "/reset", {{"email", unknown}});
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.status, c.status);
  EXPECT_EQ(WithoutTokens(a.body), WithoutTokens(c.body));
  EXPECT_EQ(a.Header("referrer-policy"), "no-referrer");
  EXPECT_TRUE(WaitForMail(known, "reset code"));
  EXPECT_EQ(CountMail(unknown), 0);
}

TEST_F(AccountsTest, ResetByCodeRevokesSessionsAndDoesNotSignIn) {
  Browser owner(port()), other_device(port()), b(port());
  std::string email = SignUp(owner, "reset");
  ASSERT_EQ(LogIn(owner, email, kPassword).status, 303);
  ASSERT_EQ(LogIn(other_device, email, kPassword).status, 303);
  b.Submit("/reset", "/reset", {{"email", email}});
  auto mail = WaitForMail(email, "reset code");
  ASSERT_TRUE(mail);
  std::string code = CodeIn(mail->text);
  ASSERT_EQ(code.size(), 11u) << mail->text;
  EXPECT_NE(mail->text.find("/reset/code"), std::string::npos);

  auto wrong = b.Submit("/reset/code", "/reset/code",
                        {{"email", email}, {"code", "ZZZZZ-ZZZZZ"}, {"password", kNewPassword}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("not valid"), std::string::npos);

  std::string typed = code.substr(0, 5) + " " + code.substr(6);  // a space instead of a dash
  auto done = b.Submit("/reset/code", "/reset/code",
                       {{"email", email}, {"code", typed}, {"password", kNewPassword}});
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.Header("location"), "/login?reset=1");
  EXPECT_TRUE(b.CookieValue("dl_session").empty()) << "no automatic sign-in";
  EXPECT_TRUE(WaitForMail(email, "password was changed"));

  EXPECT_EQ(owner.Get("/account").status, 303) << "every session was revoked";
  EXPECT_EQ(other_device.Get("/account").status, 303);
  EXPECT_EQ(LogIn(b, email, kPassword).status, 401);
  EXPECT_EQ(LogIn(b, email, kNewPassword).status, 303);
  auto reuse = b.Submit("/reset/code", "/reset/code",
                        {{"email", email}, {"code", code}, {"password", "yet another passphrase"}});
  EXPECT_EQ(reuse.status, 400) << "a code works once";
}

TEST_F(AccountsTest, ChangePasswordNeedsTheCurrentOneAndSignsOutOtherDevices) {
  Browser b(port()), other(port());
  std::string email = SignUp(b, "change");
  LogIn(b, email, kPassword);
  LogIn(other, email, kPassword);
  auto wrong = b.Submit("/account", "/account/password",
                        {{"current_password", "not it at all"}, {"new_password", kNewPassword}});
  EXPECT_EQ(wrong.status, 400);
  auto ok = b.Submit("/account", "/account/password",
                     {{"current_password", kPassword}, {"new_password", kNewPassword}});
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(b.Get("/account").status, 200) << "this device stays signed in";
  EXPECT_EQ(other.Get("/account").status, 303) << "the other device is signed out";
  EXPECT_TRUE(WaitForMail(email, "password was changed"));
}

TEST_F(AccountsTest, DisplayNameIsEscapedEverywhere) {
  Browser b(port());
  std::string email = SignUp(b, "xss");
  LogIn(b, email, kPassword);
  auto saved =
      b.Submit("/account", "/account/name", {{"display_name", "<script>alert(1)</script>"}});
  EXPECT_EQ(saved.status, 303);
  auto page = b.Get("/account");
  EXPECT_EQ(page.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;"), std::string::npos);
}

TEST_F(AccountsTest, ChangeEmailConfirmsTheNewAddressAndTellsTheOldOne) {
  Browser b(port());
  ReceivedMail first;
  std::string old_email = SignUp(b, "old", &first);
  LogIn(b, old_email, kPassword);
  std::string new_email = UniqueEmail("new");
  // An account that has not proven its own address may not mail another.
  auto unproven =
      b.Submit("/account", "/account/email", {{"new_email", new_email}, {"password", kPassword}});
  EXPECT_EQ(unproven.status, 400);
  EXPECT_NE(unproven.body.find("Confirm your current address first"), std::string::npos);
  ASSERT_TRUE(site_->WaitForOutboxDrained());
  EXPECT_EQ(CountMail(new_email), 0);
  ASSERT_EQ(b.Submit("/verify", "/verify", {{"code", CodeIn(first.text)}}).status, 200);
  auto wrong = b.Submit("/account", "/account/email",
                        {{"new_email", new_email}, {"password", "nope nope nope"}});
  EXPECT_EQ(wrong.status, 400);
  auto asked =
      b.Submit("/account", "/account/email", {{"new_email", new_email}, {"password", kPassword}});
  EXPECT_EQ(asked.status, 303);
  EXPECT_TRUE(WaitForMail(old_email, "change of email"));
  auto confirm = WaitForMail(new_email, "Confirm your email");
  ASSERT_TRUE(confirm);
  EXPECT_NE(b.Get("/account").body.find(old_email), std::string::npos) << "not changed yet";
  auto done = b.Submit("/verify", "/verify", {{"code", CodeIn(confirm->text)}});
  EXPECT_EQ(done.status, 200) << done.body;
  EXPECT_NE(b.Get("/account").body.find(new_email), std::string::npos);
  EXPECT_TRUE(WaitForMail(old_email, "email address was changed"));
  Browser fresh(port());
  EXPECT_EQ(LogIn(fresh, old_email, kPassword).status, 401);
  EXPECT_EQ(LogIn(fresh, new_email, kPassword).status, 303);
}

TEST_F(AccountsTest, AddressChangesAreRateLimitedAndCarryNoNameToTheNewAddress) {
  Browser b(port());
  ReceivedMail first;
  std::string email = SignUp(b, "changer", &first);
  LogIn(b, email, kPassword);
  ASSERT_EQ(b.Submit("/verify", "/verify", {{"code", CodeIn(first.text)}}).status, 200);
  ASSERT_EQ(
      b.Submit("/account", "/account/name", {{"display_name", "Visit evil.example now"}}).status,
      303);
  for (int i = 0; i < 3; ++i) {
    std::string target = UniqueEmail("target");
    EXPECT_EQ(
        b.Submit("/account", "/account/email", {{"new_email", target}, {"password", kPassword}})
            .status,
        303);
    auto mail = WaitForMail(target, "Confirm your email");
    ASSERT_TRUE(mail);
    EXPECT_EQ(mail->raw.find("evil.example"), std::string::npos)
        << "the reader's name reached a stranger";
  }
  std::string fourth = UniqueEmail("target");
  EXPECT_EQ(b.Submit("/account", "/account/email", {{"new_email", fourth}, {"password", kPassword}})
                .status,
            429);
  ASSERT_TRUE(site_->WaitForOutboxDrained());
  EXPECT_EQ(CountMail(fourth), 0);
}

TEST_F(AccountsTest, DownloadMyDataAndDeleteMyAccount) {
  Browser b(port());
  std::string email = SignUp(b, "delete");
  LogIn(b, email, kPassword);
  auto data = b.Get("/account/data");
  EXPECT_EQ(data.status, 200);
  EXPECT_EQ(data.Header("content-type"), "application/json; charset=utf-8");
  EXPECT_NE(data.Header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_NE(data.body.find("\"email\": \"" + email + "\""), std::string::npos) << data.body;
  EXPECT_NE(data.body.find("\"event\": \"login\""), std::string::npos);
  EXPECT_EQ(data.body.find("password"), std::string::npos) << "no hashes in the export";
  EXPECT_EQ(Browser(port()).Get("/account/data").status, 303);

  auto unticked = b.Submit("/account", "/account/delete", {{"password", kPassword}});
  EXPECT_EQ(unticked.status, 400);
  auto wrong = b.Submit("/account", "/account/delete",
                        {{"password", "not my password"}, {"confirm", "yes"}});
  EXPECT_EQ(wrong.status, 400);
  auto deleted =
      b.Submit("/account", "/account/delete", {{"password", kPassword}, {"confirm", "yes"}});
  EXPECT_EQ(deleted.status, 200);
  EXPECT_NE(deleted.body.find("Your account is deleted"), std::string::npos);
  EXPECT_EQ(b.Get("/account").status, 303);
  EXPECT_EQ(LogIn(b, email, kPassword).status, 401);
}

TEST_F(AccountsTest, ASessionCanBeSignedOutFromAnotherDevice) {
  Browser laptop(port()), phone(port());
  std::string email = SignUp(laptop, "devices");
  LogIn(laptop, email, kPassword);
  LogIn(phone, email, kPassword);
  auto account = laptop.Get("/account");
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(account.body, m, std::regex("name=\"session\" value=\"([0-9a-f]{64})\"")));
  auto revoked = laptop.Post("/account/sessions/revoke",
                             FormEncode({{"csrf", CsrfIn(account.body)}, {"session", m[1].str()}}));
  EXPECT_EQ(revoked.status, 303);
  EXPECT_EQ(phone.Get("/account").status, 303);
  EXPECT_EQ(laptop.Get("/account").status, 200);
}

TEST_F(AccountsTest, EmailLinksIgnoreTheHostHeader) {
  Browser b(port());
  std::string email = SignUp(b, "host");
  b.Submit("/reset", "/reset", {{"email", email}}, {"Host: evil.example"});
  auto mail = WaitForMail(email, "reset code");
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->text.find("evil.example"), std::string::npos);
  EXPECT_NE(mail->text.find("http://127.0.0.1:" + std::to_string(port()) + "/reset/code"),
            std::string::npos);
}

TEST_F(AccountsTest, FirstAdminMustChooseANewPasswordFirst) {
  // Not on a terminal: the one-time password is in a file of the owner's, not in the log.
  std::string out = server_->Output();
  std::string file = site_->File("first-admin-password.txt");
  EXPECT_NE(out.find(file), std::string::npos) << out;
  std::ifstream in(file);
  std::string password;
  std::getline(in, password);
  ASSERT_GE(password.size(), 16u) << password;
  EXPECT_EQ(out.find(password), std::string::npos) << "the password is in the server log";
  struct stat st {};
  ASSERT_EQ(stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);

  Browser b(port());
  auto r = LogIn(b, "admin@example.com", password, "/articles/kerry-lavrov-syria-truce");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location"), "/account");
  EXPECT_NE(b.Get("/account").body.find("Choose a new password"), std::string::npos);
  // Until it is changed, the session opens nothing else: pages lead back to /account and
  // forms elsewhere are refused.
  auto members = b.Get("/admin/members");
  EXPECT_EQ(members.status, 303);
  EXPECT_EQ(members.Header("location"), "/account");
  EXPECT_EQ(b.Submit("/account", "/account/name", {{"display_name", "Boss"}}).status, 403);
  auto changed = b.Submit("/account", "/account/password",
                          {{"current_password", password}, {"new_password", kNewPassword}});
  EXPECT_EQ(changed.status, 303) << changed.body;
  EXPECT_EQ(b.Get("/admin/members").status, 200);
}

}  // namespace
}  // namespace dateline::testing

namespace dateline::testing {
namespace {

TEST(UserCommandsTest, OperatorsAddListChangeAndDisableAccounts) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  auto added = RunDateline(
      site.With({"user", "add", "Editor@Example.org", "--name", "Ed", "--role", "editor"}));
  ASSERT_EQ(added.exit_code, 0) << added.output;
  auto at = added.output.find("one-time password: ");
  ASSERT_NE(at, std::string::npos);
  std::string password = added.output.substr(at + 19, added.output.find('\n', at) - at - 19);

  Browser b(server->port());
  auto login =
      b.Submit("/login", "/login", {{"email", "editor@example.org"}, {"password", password}});
  EXPECT_EQ(login.status, 303);
  EXPECT_EQ(login.Header("location"), "/account") << "the one-time password must be replaced";

  EXPECT_EQ(RunDateline(site.With({"user", "add", "editor@example.org"})).exit_code, 2);
  auto role = RunDateline(site.With({"user", "set-role", "editor@example.org", "moderator"}));
  EXPECT_EQ(role.exit_code, 0) << role.output;
  EXPECT_NE(RunDateline(site.With({"user", "set-role", "editor@example.org", "king"})).exit_code,
            0);
  auto list = RunDateline(site.With({"user", "list"}));
  EXPECT_NE(list.output.find("editor@example.org"), std::string::npos);
  EXPECT_NE(list.output.find("moderator"), std::string::npos);
  EXPECT_NE(list.output.find("admin@example.com"), std::string::npos);

  EXPECT_EQ(RunDateline(site.With({"user", "disable", "editor@example.org"})).exit_code, 0);
  EXPECT_EQ(b.Get("/account").status, 303) << "a disabled account's sessions end at once";
  Browser again(server->port());
  EXPECT_EQ(
      again.Submit("/login", "/login", {{"email", "editor@example.org"}, {"password", password}})
          .status,
      401);
  EXPECT_EQ(RunDateline(site.With({"user", "enable", "editor@example.org"})).exit_code, 0);
  EXPECT_EQ(
      again.Submit("/login", "/login", {{"email", "editor@example.org"}, {"password", password}})
          .status,
      303);
  ASSERT_TRUE(site.RunSql("SELECT 1").ok());
}

}  // namespace
}  // namespace dateline::testing

namespace dateline::testing {
namespace {

TEST(SecureSiteTest, HttpsSiteUsesHostPrefixedSecureCookies) {
  TestSite site;
  std::ofstream(site.File("https.toml")) << "site_url = \"https://news.example\"\n";
  auto server = ServerProcess::Start(site, {"--config", site.File("https.toml")});
  ASSERT_NE(server, nullptr);
  auto added = RunDateline(site.With({"user", "add", "secure@example.org"}));
  auto at = added.output.find("one-time password: ");
  ASSERT_NE(at, std::string::npos) << added.output;
  std::string password = added.output.substr(at + 19, added.output.find('\n', at) - at - 19);
  Browser b(server->port());
  auto form = b.Get("/login");
  EXPECT_NE(form.Header("set-cookie").find("__Host-dl_csrf="), std::string::npos);
  EXPECT_NE(form.Header("set-cookie").find("; Secure"), std::string::npos);
  auto login =
      b.Submit("/login", "/login", {{"email", "secure@example.org"}, {"password", password}});
  ASSERT_EQ(login.status, 303);
  std::string cookie = login.Header("set-cookie");
  EXPECT_EQ(cookie.rfind("__Host-dl_session=", 0), 0u) << cookie;
  for (const char* flag : {"; Path=/", "; HttpOnly", "; Secure", "; SameSite=Lax"}) {
    EXPECT_NE(cookie.find(flag), std::string::npos) << flag;
  }
  EXPECT_EQ(cookie.find("Domain="), std::string::npos);
  // The site's own origin is https://news.example; a POST claiming the plain-http origin
  // is another site.
  auto page = b.Get("/reset");
  auto r = b.Post("/reset", FormEncode({{"email", "x@example.org"}, {"csrf", CsrfIn(page.body)}}),
                  {"Origin: http://news.example"});
  EXPECT_EQ(r.status, 403);
}

}  // namespace
}  // namespace dateline::testing
