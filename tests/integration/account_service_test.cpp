// The reset-code rules and the outbox, checked on the service with a clock the test
// moves, on both stores.

#include "accounts/account_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "accounts/one_time_code.hpp"
#include "jobs/housekeeping.hpp"
#include "jobs/outbox_sender.hpp"
#include "mail/outbox_store.hpp"
#include "store_fixture.hpp"

namespace dateline::testing {
namespace {

using accounts::AccountService;

// Keeps the codes the service puts in emails.
class CapturingMailer final : public accounts::AccountMailer {
 public:
  mail::Message Verification(const accounts::User&, const std::string& email, const std::string&,
                             const std::string&, const std::string& code) const override {
    return Keep(email, "verify", code);
  }
  mail::Message AlreadyRegistered(const std::string& email) const override {
    return Keep(email, "exists", "");
  }
  mail::Message ResetCode(const accounts::User& user, const std::string& code) const override {
    return Keep(user.email, "reset", code);
  }
  mail::Message PasswordChanged(const accounts::User& user) const override {
    return Keep(user.email, "changed", "");
  }
  mail::Message EmailChangeRequested(const accounts::User& user,
                                     const std::string&) const override {
    return Keep(user.email, "change-requested", "");
  }
  mail::Message EmailChanged(const accounts::User&, const std::string& old_email,
                             const std::string&) const override {
    return Keep(old_email, "email-changed", "");
  }
  std::string Last(const std::string& kind) const {
    std::lock_guard lock(mu_);
    auto it = last_.find(kind);
    return it == last_.end() ? "" : it->second;
  }
  int Count(const std::string& kind) const {
    std::lock_guard lock(mu_);
    return counts_.count(kind) ? counts_.at(kind) : 0;
  }

 private:
  mail::Message Keep(const std::string& to, const std::string& kind,
                     const std::string& code) const {
    std::lock_guard lock(mu_);
    last_[kind] = code;
    ++counts_[kind];
    return {to, kind, code, "", {}};
  }
  mutable std::mutex mu_;
  mutable std::map<std::string, std::string> last_;
  mutable std::map<std::string, int> counts_;
};

class AccountServiceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    secret_.fill(7);
    users_ = std::make_unique<accounts::UserStore>(*db_);
    sessions_ = std::make_unique<accounts::SessionStore>(*db_);
    limiter_ = std::make_unique<ratelimit::RateLimiter>(*db_, clock_);
    service_ = std::make_unique<AccountService>(*db_, *users_, *sessions_, *limiter_, policy_,
                                                mailer_, secret_, clock_);
    auto user = service_->CreateUser(kEmail, "Reader", "the original passphrase",
                                     accounts::Role::kReader, false);
    ASSERT_TRUE(user.ok()) << user.error().message;
  }
  std::string RequestCode(const std::string& ip = "198.51.100.1") {
    EXPECT_TRUE(service_->RequestReset(kEmail, {ip, "test"}).ok());
    EXPECT_TRUE(service_->ProcessResetRequests().ok());
    return mailer_.Last("reset");
  }
  core::Result<void> Reset(const std::string& code, const std::string& ip = "198.51.100.1") {
    return service_->ResetPassword(kEmail, code, "a brand new passphrase", {ip, "test"});
  }
  bool CanLogIn(const std::string& password) {
    return service_->LogIn(kEmail, password, false, "", {"192.0.2.9", "t"}).ok();
  }

  static constexpr const char* kEmail = "reader@example.org";
  core::SecretKey secret_{};
  accounts::PasswordPolicy policy_{12};
  CapturingMailer mailer_;
  std::unique_ptr<accounts::UserStore> users_;
  std::unique_ptr<accounts::SessionStore> sessions_;
  std::unique_ptr<ratelimit::RateLimiter> limiter_;
  std::unique_ptr<AccountService> service_;
};

TEST_F(AccountServiceTest, CodesAreLongRandomGroupedAndStoredOnlyAsKeyedHashes) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string code = accounts::GenerateCode();
    EXPECT_EQ(code.size(), accounts::kCodeLength);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 200u);
  // 29 symbols, 10 of them: log2(29^10) is over 48 bits (at least 40 required).
  EXPECT_GE(accounts::kCodeLength * std::log2(accounts::kCodeAlphabet.size()), 40.0);
  std::string shown = RequestCode();
  ASSERT_EQ(shown.size(), 11u);
  EXPECT_EQ(shown[5], '-');
  auto rows = db_->Query("SELECT code_hash FROM reset_codes");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  std::string stored = rows->front().Text(0);
  std::string bare = shown.substr(0, 5) + shown.substr(6);
  EXPECT_EQ(stored.find(bare), std::string::npos);
  EXPECT_NE(stored, core::Sha256Hex(bare)) << "keyed, not a plain hash";
  EXPECT_EQ(stored.size(), 64u);
}

TEST_F(AccountServiceTest, CodeEntryIgnoresCaseSpacesAndDashes) {
  std::string code = RequestCode();
  std::string typed;
  for (char c : code) {
    if (c != '-') typed += static_cast<char>(std::tolower(c));
  }
  typed.insert(3, " ");
  EXPECT_TRUE(Reset(typed).ok());
  EXPECT_TRUE(CanLogIn("a brand new passphrase"));
}

TEST_F(AccountServiceTest, CodeExpiresAfterFifteenMinutes) {
  std::string code = RequestCode();
  clock_.Advance(15 * 60);
  auto r = Reset(code);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_TRUE(CanLogIn("the original passphrase"));
  std::string fresh = RequestCode();
  clock_.Advance(15 * 60 - 1);
  EXPECT_TRUE(Reset(fresh).ok());
}

TEST_F(AccountServiceTest, CodeWorksOnce) {
  std::string code = RequestCode();
  EXPECT_TRUE(Reset(code).ok());
  auto again = service_->ResetPassword(kEmail, code, "yet another passphrase", {"1.2.3.4", ""});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kInvalidArgument);
}

TEST_F(AccountServiceTest, CodeDiesAfterFiveWrongTries) {
  std::string code = RequestCode();
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(Reset("ZZZZZ-ZZZZZ").ok());
  auto right_too_late = Reset(code);
  ASSERT_FALSE(right_too_late.ok());
  EXPECT_EQ(right_too_late.error().code, core::ErrorCode::kInvalidArgument);
}

TEST_F(AccountServiceTest, ANewRequestVoidsOlderCodes) {
  std::string first = RequestCode();
  std::string second = RequestCode();
  EXPECT_NE(first, second);
  EXPECT_FALSE(Reset(first).ok());
  EXPECT_TRUE(Reset(second).ok());
}

TEST_F(AccountServiceTest, RequestsPastTheLimitAnswerTheSameAndSendNothing) {
  for (int i = 0; i < 3; ++i) RequestCode("203.0.113." + std::to_string(i));
  EXPECT_EQ(mailer_.Count("reset"), 3);
  EXPECT_TRUE(service_->RequestReset(kEmail, {"203.0.113.50", ""}).ok());  // same answer
  EXPECT_TRUE(service_->ProcessResetRequests().ok());
  EXPECT_EQ(mailer_.Count("reset"), 3) << "per account: nothing more sent this hour";
  clock_.Advance(3600);
  RequestCode();
  EXPECT_EQ(mailer_.Count("reset"), 4) << "a new hour, a new allowance";
  // Per client address, across accounts.
  for (int i = 0; i < 12; ++i) {
    EXPECT_TRUE(
        service_->RequestReset("other" + std::to_string(i) + "@example.org", {"192.0.2.77", ""})
            .ok());
  }
  ASSERT_TRUE(service_
                  ->CreateUser("late@example.org", "Late", "the original passphrase",
                               accounts::Role::kReader, false)
                  .ok());
  EXPECT_TRUE(service_->ProcessResetRequests().ok());
  int before = mailer_.Count("reset");
  EXPECT_TRUE(service_->RequestReset("late@example.org", {"192.0.2.77", ""}).ok());
  EXPECT_TRUE(service_->ProcessResetRequests().ok());
  EXPECT_EQ(mailer_.Count("reset"), before) << "this address has used its allowance";
}

TEST_F(AccountServiceTest, UnknownAddressGetsTheSameAnswerAndNoEmail) {
  EXPECT_TRUE(service_->RequestReset("nobody@example.org", {"1.2.3.4", ""}).ok());
  EXPECT_EQ(service_->ProcessResetRequests().value(), 1);
  EXPECT_EQ(mailer_.Count("reset"), 0);
  auto r = service_->ResetPassword("nobody@example.org", "ABCDE-FGHJK", "a brand new passphrase",
                                   {"1.2.3.4", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidArgument);
}

TEST_F(AccountServiceTest, SuccessRevokesEverySessionAndSendsANotice) {
  ASSERT_TRUE(service_->LogIn(kEmail, "the original passphrase", false, "", {"a", "b"}).ok());
  ASSERT_TRUE(service_->LogIn(kEmail, "the original passphrase", true, "", {"a", "c"}).ok());
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM sessions")->Int(0), 2);
  ASSERT_TRUE(Reset(RequestCode()).ok());
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM sessions")->Int(0), 0);
  EXPECT_EQ(mailer_.Count("changed"), 1);
  auto hash =
      db_->QueryOne("SELECT password_hash FROM users WHERE email = ?", {std::string(kEmail)});
  EXPECT_EQ(hash->Text(0).rfind("$argon2id$", 0), 0u);
  EXPECT_NE(hash->Text(0).find("m=19456,t=2"), std::string::npos) << hash->Text(0);
  auto events = db_->Query("SELECT event FROM audit_log ORDER BY id");
  std::set<std::string> kinds;
  for (const auto& r : *events) kinds.insert(r.Text(0));
  for (const char* k : {"login", "reset_requested", "reset_used"}) EXPECT_TRUE(kinds.count(k)) << k;
}

TEST_F(AccountServiceTest, SessionsEndAfterIdleAndAbsoluteLifetimes) {
  auto short_one = service_->LogIn(kEmail, "the original passphrase", false, "", {"a", "b"});
  auto kept = service_->LogIn(kEmail, "the original passphrase", true, "", {"a", "b"});
  ASSERT_TRUE(short_one.ok() && kept.ok());
  clock_.Advance(11 * 3600);
  EXPECT_TRUE(service_->Authenticate(short_one->token)->has_value());
  clock_.Advance(11 * 3600);
  EXPECT_TRUE(service_->Authenticate(short_one->token)->has_value());  // 22 h, kept active
  clock_.Advance(3 * 3600);  // active, but past the 24-hour absolute life
  EXPECT_FALSE(service_->Authenticate(short_one->token)->has_value());
  EXPECT_TRUE(service_->Authenticate(kept->token)->has_value());
  clock_.Advance(15 * 86400);  // idle longer than 14 days
  EXPECT_FALSE(service_->Authenticate(kept->token)->has_value());
}

TEST_F(AccountServiceTest, HousekeepingRemovesOnlyWhatExpired) {
  auto live = service_->LogIn(kEmail, "the original passphrase", false, "", {"a", "b"});
  ASSERT_TRUE(live.ok());
  RequestCode();
  mail::Outbox outbox(*db_);
  jobs::Housekeeping housekeeping(*service_, *limiter_, outbox, clock_, std::chrono::seconds(60));
  housekeeping.RunOnce();
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM sessions")->Int(0), 1);
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM reset_codes")->Int(0), 1);
  clock_.Advance(2 * 86400);
  EXPECT_GT(housekeeping.RunOnce(), 0);
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM sessions")->Int(0), 0);
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM reset_codes")->Int(0), 0);
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM rate_limits")->Int(0), 0);
}

TEST_F(AccountServiceTest, WrongPasswordsFromOneAddressNeverLockTheOwnerOutElsewhere) {
  accounts::ClientInfo attacker{"203.0.113.66", "bot", ""};
  for (int i = 0; i < 10; ++i) {
    auto r = service_->LogIn(kEmail, "a wrong guess " + std::to_string(i), false, "", attacker);
    ASSERT_EQ(r.error().code, core::ErrorCode::kUnauthenticated);
  }
  auto slowed = service_->LogIn(kEmail, "the original passphrase", false, "", attacker);
  ASSERT_FALSE(slowed.ok());
  EXPECT_EQ(slowed.error().code, core::ErrorCode::kRateLimited) << "the guesser is stopped";
  EXPECT_TRUE(CanLogIn("the original passphrase")) << "the owner, elsewhere, is not";
  // The attacker keeps at it, window after window: the owner still gets in.
  clock_.Advance(900);
  for (int i = 0; i < 10; ++i) (void)service_->LogIn(kEmail, "again", false, "", attacker);
  EXPECT_TRUE(CanLogIn("the original passphrase"));
}

TEST_F(AccountServiceTest, AWideAttackSendsNewAddressesToTheResetPathAndAResetEndsIt) {
  accounts::AccountLimits limits;
  limits.login_failures_per_account = {5, 3600};
  AccountService guarded(*db_, *users_, *sessions_, *limiter_, policy_, mailer_, secret_, clock_,
                         limits);
  accounts::ClientInfo home{"192.0.2.9", "owner", ""};
  ASSERT_TRUE(guarded.LogIn(kEmail, "the original passphrase", false, "", home).ok());
  for (int i = 0; i < 5; ++i) {
    accounts::ClientInfo bot{"198.51.100." + std::to_string(i), "bot", ""};
    (void)guarded.LogIn(kEmail, "guess " + std::to_string(i), false, "", bot);
  }
  accounts::ClientInfo travel{"203.0.113.200", "owner abroad", ""};
  auto abroad = guarded.LogIn(kEmail, "the original passphrase", false, "", travel);
  ASSERT_FALSE(abroad.ok());
  EXPECT_EQ(abroad.error().code, core::ErrorCode::kUnauthenticated);
  EXPECT_NE(abroad.error().message.find("reset your password"), std::string::npos);
  EXPECT_TRUE(guarded.LogIn(kEmail, "the original passphrase", false, "", home).ok())
      << "a known address still gets in";
  // The reset code proves the mailbox and lifts the counts everywhere.
  ASSERT_TRUE(guarded.RequestReset(kEmail, travel).ok());
  ASSERT_TRUE(guarded.ProcessResetRequests().ok());
  ASSERT_TRUE(
      guarded.ResetPassword(kEmail, mailer_.Last("reset"), "a brand new passphrase", travel).ok());
  EXPECT_TRUE(guarded.LogIn(kEmail, "a brand new passphrase", false, "", travel).ok());
}

TEST_F(AccountServiceTest, ARefusedSignInWritesNothing) {
  accounts::AccountLimits limits;
  limits.login_per_ip = {3, 900};
  AccountService limited(*db_, *users_, *sessions_, *limiter_, policy_, mailer_, secret_, clock_,
                         limits);
  accounts::ClientInfo flood{"203.0.113.5", "bot", ""};
  for (int i = 0; i < 3; ++i) (void)limited.LogIn(kEmail, "wrong", false, "", flood);
  auto writes = [&] {
    return db_->QueryOne("SELECT COALESCE(SUM(hits), 0) FROM rate_limits")->Int(0) +
           db_->QueryOne("SELECT COUNT(*) FROM audit_log")->Int(0);
  };
  int64_t before = writes();
  for (int i = 0; i < 5; ++i) {
    auto refused = limited.LogIn(kEmail, "the original passphrase", false, "", flood);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::kRateLimited);
  }
  EXPECT_EQ(writes(), before) << "a refusal costs a read, not a durable write";
}

// A wrong password is counted against the address, the pair and the account and logged,
// all in one transaction that does not wait for the disk (a storm of refusals costs no
// flush each); a right one counts against the address with the session it opens.
TEST_F(AccountServiceTest, AWrongPasswordIsCountedAndLoggedInOneGo) {
  accounts::ClientInfo client{"203.0.113.7", "browser", ""};
  auto hits = [&] {
    return db_->QueryOne("SELECT COALESCE(SUM(hits), 0) FROM rate_limits")->Int(0);
  };
  auto failures = [&] {
    return db_->QueryOne("SELECT COUNT(*) FROM audit_log WHERE event = 'login_failed'")->Int(0);
  };
  int64_t hits_before = hits(), failures_before = failures();
  auto refused = service_->LogIn(kEmail, "wrong", false, "", client);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kUnauthenticated);
  EXPECT_EQ(hits(), hits_before + 3) << "the address, the pair, the account";
  EXPECT_EQ(failures(), failures_before + 1);
  auto unknown = service_->LogIn("nobody@example.org", "wrong", false, "", client);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(hits(), hits_before + 6) << "an unknown address counts the same";
  EXPECT_EQ(failures(), failures_before + 2);
  ASSERT_TRUE(service_->LogIn(kEmail, "the original passphrase", false, "", client).ok());
  EXPECT_EQ(failures(), failures_before + 2);
  EXPECT_EQ(
      db_->QueryOne("SELECT COUNT(*) FROM rate_limits WHERE bucket LIKE 'login-ip:%'")->Int(0), 1);
}

TEST_F(AccountServiceTest, TriesRacingEachOtherCannotPassTheLimit) {
  std::string code = RequestCode();
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(Reset("AAAAA-AAAAA").ok());
  // One try is left; eight arrive at once.
  std::vector<std::thread> racers;
  for (int i = 0; i < 8; ++i) racers.emplace_back([&] { (void)Reset("BBBBB-BBBBB"); });
  for (auto& t : racers) t.join();
  EXPECT_LE(db_->QueryOne("SELECT MAX(attempts) FROM reset_codes")->Int(0), 5);
  EXPECT_FALSE(Reset(code).ok()) << "the code is spent";
}

TEST_F(AccountServiceTest, ARequestDoesTheSameWorkWhetherOrNotTheAccountExists) {
  // On the request path, both kinds only queue the request: no code, no mail, no lookup
  // whose cost could tell them apart.
  ASSERT_TRUE(service_->RequestReset(kEmail, {"198.51.100.1", ""}).ok());
  ASSERT_TRUE(service_->RequestReset("nobody@example.org", {"198.51.100.2", ""}).ok());
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM reset_requests")->Int(0), 2);
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM reset_codes")->Int(0), 0);
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM outbox")->Int(0), 0);
  EXPECT_EQ(mailer_.Count("reset"), 0);
  // The job does the rest, off the request path.
  EXPECT_EQ(service_->ProcessResetRequests().value(), 2);
  EXPECT_EQ(mailer_.Count("reset"), 1);
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM reset_codes")->Int(0), 1);
}

TEST_F(AccountServiceTest, EachQueuedResetIsHandledOnceAcrossNodes) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(service_->RequestReset(kEmail, {"198.51.100." + std::to_string(i), ""}).ok());
  }
  AccountService other(*db_, *users_, *sessions_, *limiter_, policy_, mailer_, secret_, clock_);
  std::thread a([&] { (void)service_->ProcessResetRequests(); });
  std::thread b([&] { (void)other.ProcessResetRequests(); });
  a.join();
  b.join();
  EXPECT_EQ(mailer_.Count("reset"), 3);
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM reset_requests")->Int(0), 0);
}

// Counts deliveries per message, failing the first try of every third one.
class CountingTransport final : public mail::Transport {
 public:
  core::Result<void> Send(const std::string&, const std::string& to, const std::string&) override {
    std::lock_guard lock(mu_);
    if (++tries_[to] == 1 && to.find("flaky") != std::string::npos) {
      return core::Error::Unavailable("try again");
    }
    ++delivered_[to];
    return {};
  }
  std::string Describe() const override { return "counting"; }
  double MaxSendSeconds() const override { return 30; }
  core::Result<void> Check() override { return {}; }
  std::mutex mu_;
  std::map<std::string, int> tries_, delivered_;
};

TEST_F(AccountServiceTest, TwoSendersDeliverEachEmailExactlyOnce) {
  mail::Outbox outbox(*db_);
  constexpr int kMessages = 60;
  ASSERT_TRUE(db_->InTransaction([&](store::Executor& tx) -> core::Result<void> {
                   for (int i = 0; i < kMessages; ++i) {
                     std::string to =
                         (i % 3 == 0 ? "flaky" : "m") + std::to_string(i) + "@example.org";
                     DL_TRY(mail::Outbox::Enqueue(tx, {to, "s", "t", "", {}}, clock_.NowSeconds()));
                   }
                   return {};
                 })
                  .ok());
  CountingTransport transport;
  mail::Sender from{"news@example.org", "News", "example.org"};
  jobs::OutboxSender a(outbox, transport, from, clock_, std::chrono::milliseconds(10));
  jobs::OutboxSender b(outbox, transport, from, clock_, std::chrono::milliseconds(10));
  std::thread ta([&] {
    for (int i = 0; i < 10; ++i) a.RunOnce();
  });
  std::thread tb([&] {
    for (int i = 0; i < 10; ++i) b.RunOnce();
  });
  ta.join();
  tb.join();
  clock_.Advance(31);  // the flaky ones are due again after their backoff
  a.RunOnce();
  b.RunOnce();
  EXPECT_EQ(static_cast<int>(transport.delivered_.size()), kMessages);
  for (const auto& [to, n] : transport.delivered_) EXPECT_EQ(n, 1) << to;
  EXPECT_EQ(*outbox.Pending(), 0);
}

// A mail server that takes 40 seconds a message (by the fake clock), while another node's
// sender runs meanwhile: no message may be sent twice, however slow the sends.
class SlowTransport final : public mail::Transport {
 public:
  SlowTransport(core::FakeClock& clock, std::function<void()> meanwhile)
      : clock_(clock), meanwhile_(std::move(meanwhile)) {}
  core::Result<void> Send(const std::string&, const std::string& to, const std::string&) override {
    clock_.Advance(40);
    ++delivered_[to];
    if (meanwhile_ && !busy_) {
      busy_ = true;  // the other node's round, while this send is under way
      meanwhile_();
      busy_ = false;
    }
    return {};
  }
  std::string Describe() const override { return "slow"; }
  double MaxSendSeconds() const override { return 45; }
  core::Result<void> Check() override { return {}; }
  core::FakeClock& clock_;
  std::function<void()> meanwhile_;
  bool busy_ = false;
  std::map<std::string, int> delivered_;
};

TEST_F(AccountServiceTest, SlowSendsNeverOutliveTheirLeaseAndSentMailIsErased) {
  mail::Outbox outbox(*db_);
  constexpr int kMessages = 25;
  ASSERT_TRUE(db_->InTransaction([&](store::Executor& tx) -> core::Result<void> {
                   for (int i = 0; i < kMessages; ++i) {
                     DL_TRY(mail::Outbox::Enqueue(tx,
                                                  {"m" + std::to_string(i) + "@example.org",
                                                   "Your reset code",
                                                   "code K7QF9-M2DXP",
                                                   "<p>K7QF9-M2DXP</p>",
                                                   {{"List-Unsubscribe", "<x>"}}},
                                                  clock_.NowSeconds()));
                   }
                   return {};
                 })
                  .ok());
  mail::Sender from{"news@example.org", "News", "example.org"};
  std::unique_ptr<jobs::OutboxSender> other;
  SlowTransport transport(clock_, [&] { other->RunOnce(); });
  jobs::OutboxSender one(outbox, transport, from, clock_, std::chrono::milliseconds(10));
  other = std::make_unique<jobs::OutboxSender>(outbox, transport, from, clock_,
                                               std::chrono::milliseconds(10));
  for (int round = 0; round < 20 && *outbox.Pending() > 0; ++round) one.RunOnce();
  EXPECT_EQ(*outbox.Pending(), 0);
  EXPECT_EQ(static_cast<int>(transport.delivered_.size()), kMessages);
  for (const auto& [to, n] : transport.delivered_) EXPECT_EQ(n, 1) << to;
  // What was sent is gone from the store; who and what subject stay for the record.
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM outbox WHERE text_body <> '' OR html_body <> '' "
                          "OR extra_headers <> ''")
                ->Int(0),
            0);
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM outbox WHERE subject = 'Your reset code'")->Int(0),
            kMessages);
}

}  // namespace
}  // namespace dateline::testing
