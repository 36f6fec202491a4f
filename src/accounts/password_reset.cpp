// Password reset by emailed one-time code (OWASP Forgot Password guidance): the same
// answer whether or not the account exists, codes stored only as keyed hashes, a short
// life, one use, a few tries, rate limits per account and per address, every session
// revoked afterwards, and no automatic sign-in.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "accounts/account_service.hpp"
#include "accounts/code_store.hpp"
#include "accounts/email_address.hpp"
#include "accounts/one_time_code.hpp"
#include "accounts/password.hpp"
#include "mail/outbox_store.hpp"

namespace dateline::accounts {
namespace {

constexpr std::string_view kBadCode =
    "That code is not valid for this email address, or it has expired. Request a new one.";

std::string CodeHash(const core::SecretKey& secret, int64_t user_id, std::string_view code) {
  return core::KeyedHash(secret, "reset-code", std::to_string(user_id) + ":" + std::string(code));
}

}  // namespace

core::Result<void> AccountService::RequestReset(std::string_view email_in,
                                                const ClientInfo& client) {
  auto email = NormalizeEmail(email_in);
  if (!email) return core::Error::InvalidArgument("Enter a valid email address.").ForReaders();
  auto ip_ok = limiter_.Hit("reset-ip:" + client.RateKey(), limits_.reset_per_ip);
  if (!ip_ok.ok()) return ip_ok.error();
  auto account_ok = limiter_.Hit(RateBucket("reset-account", *email), limits_.reset_per_account);
  if (!account_ok.ok()) return account_ok.error();
  if (!*ip_ok || !*account_ok) {
    spdlog::info("password reset for a rate-limited address or account; nothing sent");
    return {};  // the reader sees the usual answer
  }
  // The same durable work whether or not the account exists: the request is queued, and
  // the reset job (ProcessResetRequests) looks the account up off the request path. An
  // answer that took longer for real accounts would tell who has one.
  int64_t now = clock_.NowSeconds();
  return CodeStore::QueueReset(db_, *email, client.ip, now);
}

core::Result<int> AccountService::ProcessResetRequests(int limit) {
  auto pending = CodeStore::QueuedResets(db_, limit);
  if (!pending.ok()) return pending.error();
  int processed = 0;
  for (const QueuedReset& queued : *pending) {
    int64_t request_id = queued.id;
    const std::string& email = queued.email;
    ClientInfo client{queued.ip, "", ""};
    auto record = users_.FindByEmail(email);
    if (!record.ok()) return record.error();
    int64_t now = clock_.NowSeconds();
    bool stale = queued.created_at + limits_.reset_code_life <= now;  // asked too long ago
    const User* user = *record && !(*record)->user.disabled && !stale ? &(*record)->user : nullptr;
    std::string code = GenerateCode();
    auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
      // Claimed by deleting it: with several nodes, one of them handles each request.
      auto claimed = CodeStore::ClaimReset(tx, request_id);
      if (!claimed.ok()) return claimed.error();
      if (!*claimed || !user) return {};
      // A new request voids every older code.
      DL_TRY(CodeStore::ReplaceResetCode(tx, user->id, CodeHash(secret_, user->id, code),
                                         now + limits_.reset_code_life, now));
      DL_TRY(mail::Outbox::Enqueue(tx, mailer_.ResetCode(*user, FormatCode(code)), now));
      return Audit(tx, user->id, "reset_requested", client);
    });
    if (!done.ok()) return done.error();
    ++processed;
  }
  return processed;
}

core::Result<void> AccountService::ResetPassword(std::string_view email_in, std::string_view typed,
                                                 std::string_view new_password,
                                                 const ClientInfo& client) {
  auto ip_ok = limiter_.Hit("reset-try-ip:" + client.RateKey(), limits_.reset_tries_per_ip);
  if (!ip_ok.ok()) return ip_ok.error();
  if (!*ip_ok) return core::Error::RateLimited("too many reset attempts from this address");
  auto email = NormalizeEmail(email_in);
  if (!email) return core::Error::InvalidArgument("Enter a valid email address.").ForReaders();
  DL_TRY(policy_.Check(new_password, *email));
  auto code = NormalizeCode(typed);
  auto record = users_.FindByEmail(*email);
  if (!record.ok()) return record.error();
  if (!code || !*record || (*record)->user.disabled) {
    return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
  }
  const User& user = (*record)->user;
  int64_t now = clock_.NowSeconds();
  auto latest = CodeStore::LatestResetCode(db_, user.id);
  if (!latest.ok()) return latest.error();
  if (!*latest) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
  int64_t code_id = (*latest)->id;
  std::string expected = (*latest)->hash;
  // Every try is taken in one conditional update before the comparison, so tries racing
  // each other cannot get past the limit between a read and a write. The last allowed try
  // spends the code whatever it says.
  auto tried = CodeStore::TryResetCode(db_, code_id, limits_.reset_code_tries, now);
  if (!tried.ok()) return tried.error();
  if (!*tried) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
  if (!core::ConstantTimeEquals(CodeHash(secret_, user.id, *code), expected)) {
    return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
  }
  auto hash = HashPassword(new_password);
  if (!hash.ok()) return hash.error();
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    // Single use, even against a second request racing this one: the code is marked
    // redeemed once (the last allowed try has set used_at already, and stays the only one).
    auto claimed = CodeStore::RedeemResetCode(tx, code_id, limits_.reset_code_tries, now);
    if (!claimed.ok()) return claimed.error();
    if (!*claimed) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
    DL_TRY(UserStore::SetPasswordHash(tx, user.id, *hash, now));
    // The code proves the reader holds the mailbox.
    DL_TRY(UserStore::MarkVerified(tx, user.id, now));
    auto revoked = SessionStore::DeleteAllForUser(tx, user.id);
    if (!revoked.ok()) return revoked.error();
    DL_TRY(mail::Outbox::Enqueue(tx, mailer_.PasswordChanged(user), now));
    return Audit(tx, user.id, "reset_used", client, fmt::format("{} sessions revoked", *revoked));
  });
  if (!status.ok()) return status;
  // The reset proved the mailbox: whatever locked sign-ins to this account is lifted.
  (void)ForgetFailures(*email);
  return {};
}

}  // namespace dateline::accounts
