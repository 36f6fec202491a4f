// Password reset by emailed one-time code (OWASP Forgot Password guidance): the same
// answer whether or not the account exists, codes stored only as keyed hashes, a short
// life, one use, a few tries, rate limits per account and per address, every session
// revoked afterwards, and no automatic sign-in.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "accounts/account_service.hpp"
#include "accounts/email_address.hpp"
#include "accounts/one_time_code.hpp"
#include "accounts/password.hpp"
#include "mail/outbox.hpp"

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
  if (!email) return core::Error::InvalidArgument("Enter a valid email address.");
  auto ip_ok = limiter_.Hit("reset-ip:" + client.ip, limits_.reset_per_ip);
  if (!ip_ok.ok()) return ip_ok.error();
  auto account_ok = limiter_.Hit(RateBucket("reset-account", *email), limits_.reset_per_account);
  if (!account_ok.ok()) return account_ok.error();
  if (!*ip_ok || !*account_ok) {
    spdlog::info("password reset for a rate-limited address or account; nothing sent");
    return {};  // the reader sees the usual answer
  }
  auto record = users_.FindByEmail(*email);
  if (!record.ok()) return record.error();
  if (!*record || (*record)->user.disabled) return {};
  const User& user = (*record)->user;
  std::string code = GenerateCode();
  int64_t now = clock_.NowSeconds();
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    // A new request voids every older code.
    DL_TRY(tx.Execute("UPDATE reset_codes SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                      {now, user.id}));
    DL_TRY(tx.Execute(
        "INSERT INTO reset_codes (user_id, code_hash, expires_at, created_at) VALUES (?, ?, ?, ?)",
        {user.id, CodeHash(secret_, user.id, code), now + limits_.reset_code_life, now}));
    DL_TRY(mail::Outbox::Enqueue(tx, mailer_.ResetCode(user, FormatCode(code)), now));
    return Audit(tx, user.id, "reset_requested", client);
  });
}

core::Result<void> AccountService::ResetPassword(std::string_view email_in, std::string_view typed,
                                                 std::string_view new_password,
                                                 const ClientInfo& client) {
  auto ip_ok = limiter_.Hit("reset-try-ip:" + client.ip, limits_.reset_tries_per_ip);
  if (!ip_ok.ok()) return ip_ok.error();
  if (!*ip_ok) return core::Error::RateLimited("too many reset attempts from this address");
  auto email = NormalizeEmail(email_in);
  if (!email) return core::Error::InvalidArgument("Enter a valid email address.");
  DL_TRY(policy_.Check(new_password, *email));
  auto code = NormalizeCode(typed);
  auto record = users_.FindByEmail(*email);
  if (!record.ok()) return record.error();
  if (!code || !*record || (*record)->user.disabled) {
    return core::Error::PermissionDenied(std::string(kBadCode));
  }
  const User& user = (*record)->user;
  int64_t now = clock_.NowSeconds();
  auto latest = db_.Query(
      "SELECT id, code_hash, attempts, expires_at FROM reset_codes WHERE user_id = ? AND "
      "used_at IS NULL ORDER BY id DESC LIMIT 1",
      {user.id});
  if (!latest.ok()) return latest.error();
  if (latest->empty()) return core::Error::PermissionDenied(std::string(kBadCode));
  const store::Row& row = latest->front();
  int64_t code_id = row.Int(0);
  if (row.Int(3) <= now || row.Int(2) >= limits_.reset_code_tries) {
    return core::Error::PermissionDenied(std::string(kBadCode));
  }
  if (!core::ConstantTimeEquals(CodeHash(secret_, user.id, *code), row.Text(1))) {
    // A wrong try counts; the last allowed one kills the code.
    DL_TRY(
        db_.Execute("UPDATE reset_codes SET attempts = attempts + 1, "
                    "used_at = CASE WHEN attempts + 1 >= ? THEN ? ELSE used_at END WHERE id = ?",
                    {int64_t{limits_.reset_code_tries}, now, code_id}));
    return core::Error::PermissionDenied(std::string(kBadCode));
  }
  auto hash = HashPassword(new_password);
  if (!hash.ok()) return hash.error();
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    // Single use, even against a second request racing this one.
    auto claimed = tx.Execute("UPDATE reset_codes SET used_at = ? WHERE id = ? AND used_at IS NULL",
                              {now, code_id});
    if (!claimed.ok()) return claimed.error();
    if (*claimed != 1) return core::Error::PermissionDenied(std::string(kBadCode));
    DL_TRY(UserStore::SetPasswordHash(tx, user.id, *hash, now));
    // The code proves the reader holds the mailbox.
    DL_TRY(UserStore::MarkVerified(tx, user.id, now));
    auto revoked = SessionStore::DeleteAllForUser(tx, user.id);
    if (!revoked.ok()) return revoked.error();
    DL_TRY(mail::Outbox::Enqueue(tx, mailer_.PasswordChanged(user), now));
    return Audit(tx, user.id, "reset_used", client, fmt::format("{} sessions revoked", *revoked));
  });
}

}  // namespace dateline::accounts
