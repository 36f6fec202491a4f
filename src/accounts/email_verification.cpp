// Confirming an email address: a link (whose page asks for a click, since mail scanners
// open links) or a code typed while signed in.

#include "accounts/account_service.hpp"
#include "accounts/one_time_code.hpp"
#include "audit/audit_log.hpp"
#include "mail/outbox.hpp"

namespace dateline::accounts {
namespace {

constexpr std::string_view kBadLink =
    "This confirmation link is not one of ours. Open the link from the email again, or sign "
    "in and enter the code from it.";
constexpr std::string_view kExpiredLink =
    "This confirmation link has expired. Sign in to get a new one.";
constexpr std::string_view kReplacedLink =
    "A newer confirmation email replaced this link. Use the link in the latest email, or sign "
    "in and enter its code.";
constexpr std::string_view kBadCode = "That code is not right, or it has expired.";

}  // namespace

core::Result<void> AccountService::EnqueueVerification(store::Executor& tx, const User& user,
                                                       const std::string& email,
                                                       std::string_view return_path) {
  int64_t now = clock_.NowSeconds();
  std::string token = core::RandomToken(32);
  std::string code = GenerateCode();
  DL_TRY(
      tx.Execute("UPDATE email_verifications SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                 {now, user.id}));
  DL_TRY(tx.Execute(
      "INSERT INTO email_verifications (user_id, email, token_hash, code_hash, expires_at, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?)",
      {user.id, email, core::Sha256Hex(token),
       core::KeyedHash(secret_, "verify-code", std::to_string(user.id) + ":" + code),
       now + limits_.verification_life, now}));
  return mail::Outbox::Enqueue(
      tx, mailer_.Verification(user, email, token, FormatCode(code), std::string(return_path)),
      now);
}

core::Result<AccountService::LinkOutcome> AccountService::ConfirmEmailByLink(
    std::string_view token) {
  int64_t now = clock_.NowSeconds();
  LinkOutcome outcome = LinkOutcome::kConfirmed;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto rows = tx.Query(
        "SELECT v.id, v.user_id, v.email, v.used_at, v.expires_at, u.email, "
        "u.email_verified_at FROM email_verifications v JOIN users u ON u.id = v.user_id "
        "WHERE v.token_hash = ?",
        {core::Sha256Hex(token)});
    if (!rows.ok()) return rows.error();
    if (rows->empty()) return core::Error::InvalidArgument(std::string(kBadLink)).ForReaders();
    const store::Row& row = rows->front();
    int64_t id = row.Int(0), user_id = row.Int(1);
    std::string email = row.Text(2);
    bool used = !row.IsNull(3);
    bool confirmed_now = row.Text(5) == email && !row.IsNull(6);
    if (used && confirmed_now) {
      outcome = LinkOutcome::kAlreadyConfirmed;  // the same link, pressed again
      return {};
    }
    if (used) return core::Error::InvalidArgument(std::string(kReplacedLink)).ForReaders();
    if (row.Int(4) <= now)
      return core::Error::InvalidArgument(std::string(kExpiredLink)).ForReaders();
    DL_TRY(tx.Execute("UPDATE email_verifications SET used_at = ? WHERE id = ?", {now, id}));
    DL_TRY(ApplyConfirmedEmail(tx, user_id, email, now));
    return audit::Record(tx, {user_id, "email_verified", "", "link", now});
  });
  if (!status.ok()) return status.error();
  return outcome;
}

core::Result<void> AccountService::ConfirmEmailByCode(int64_t user_id, std::string_view typed) {
  auto code = NormalizeCode(typed);
  int64_t now = clock_.NowSeconds();
  auto rows = db_.Query(
      "SELECT id, code_hash, email FROM email_verifications WHERE user_id = ? AND "
      "used_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1",
      {user_id, now});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
  int64_t id = rows->front().Int(0);
  std::string expected = rows->front().Text(1);
  std::string email = rows->front().Text(2);
  // The try is counted by one conditional update before comparing (see ResetPassword).
  const int64_t tries = limits_.reset_code_tries;
  auto tried = db_.Execute(
      "UPDATE email_verifications SET attempts = attempts + 1 WHERE id = ? AND used_at IS NULL "
      "AND attempts < ?",
      {id, tries});
  if (!tried.ok()) return tried.error();
  if (*tried != 1) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
  if (!code || !core::ConstantTimeEquals(
                   core::KeyedHash(secret_, "verify-code", std::to_string(user_id) + ":" + *code),
                   expected)) {
    return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
  }
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto claimed = tx.Execute(
        "UPDATE email_verifications SET used_at = ? WHERE id = ? AND used_at IS NULL", {now, id});
    if (!claimed.ok()) return claimed.error();
    if (*claimed != 1) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
    DL_TRY(ApplyConfirmedEmail(tx, user_id, email, now));
    return audit::Record(tx, {user_id, "email_verified", "", "code", now});
  });
}

core::Result<void> AccountService::ResendVerification(int64_t user_id) {
  auto record = users_.FindById(user_id);
  if (!record.ok()) return record.error();
  if (!*record) return core::Error::NotFound("no such user");
  if ((*record)->user.verified) return {};
  auto allowed = limiter_.Hit("resend-verification:" + std::to_string(user_id),
                              limits_.resend_verification_per_account);
  if (!allowed.ok()) return allowed.error();
  if (!*allowed) return core::Error::RateLimited("confirmation emails were sent recently");
  return db_.InTransaction([&](store::Executor& tx) {
    return EnqueueVerification(tx, (*record)->user, (*record)->user.email);
  });
}

core::Result<void> AccountService::ApplyConfirmedEmail(store::Executor& tx, int64_t user_id,
                                                       const std::string& email, int64_t now) {
  auto rows = tx.Query("SELECT " + std::string(UserStore::kColumns) + " FROM users WHERE id = ?",
                       {user_id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return core::Error::InvalidArgument(std::string(kBadLink)).ForReaders();
  User user = UserStore::FromRow(rows->front()).user;
  if (user.email != email) {
    // A change of address: the new one is proven now; the old one hears about it.
    auto changed = tx.Execute("UPDATE users SET email = ?, updated_at = ? WHERE id = ?",
                              {email, now, user_id});
    if (!changed.ok()) {
      if (changed.error().code == core::ErrorCode::kAlreadyExists) {
        return core::Error::InvalidArgument("That address now belongs to another account.")
            .ForReaders();
      }
      return changed.error();
    }
    DL_TRY(mail::Outbox::Enqueue(tx, mailer_.EmailChanged(user, user.email, email), now));
    DL_TRY(audit::Record(tx, {user_id, "email_changed", "", user.email + " -> " + email, now}));
  }
  return UserStore::MarkVerified(tx, user_id, now);
}

}  // namespace dateline::accounts
