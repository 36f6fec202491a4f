// Confirming an email address: a link (whose page asks for a click, since mail scanners
// open links) or a code typed while signed in.

#include "accounts/account_service.hpp"
#include "accounts/code_store.hpp"
#include "accounts/one_time_code.hpp"
#include "audit/audit_store.hpp"
#include "mail/outbox_store.hpp"

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
  DL_TRY(CodeStore::ReplaceVerification(
      tx, user.id, email, core::Sha256Hex(token),
      core::KeyedHash(secret_, "verify-code", std::to_string(user.id) + ":" + code),
      now + limits_.verification_life, now));
  return mail::Outbox::Enqueue(
      tx, mailer_.Verification(user, email, token, FormatCode(code), std::string(return_path)),
      now);
}

core::Result<AccountService::LinkOutcome> AccountService::ConfirmEmailByLink(
    std::string_view token) {
  int64_t now = clock_.NowSeconds();
  LinkOutcome outcome = LinkOutcome::kConfirmed;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto link = CodeStore::VerificationByToken(tx, core::Sha256Hex(token));
    if (!link.ok()) return link.error();
    if (!*link) return core::Error::InvalidArgument(std::string(kBadLink)).ForReaders();
    int64_t id = (*link)->id, user_id = (*link)->user_id;
    std::string email = (*link)->email;
    bool used = (*link)->used;
    bool confirmed_now = (*link)->account_email == email && (*link)->account_verified;
    if (used && confirmed_now) {
      outcome = LinkOutcome::kAlreadyConfirmed;  // the same link, pressed again
      return {};
    }
    if (used) return core::Error::InvalidArgument(std::string(kReplacedLink)).ForReaders();
    if ((*link)->expires_at <= now)
      return core::Error::InvalidArgument(std::string(kExpiredLink)).ForReaders();
    DL_TRY(CodeStore::UseVerification(tx, id, now));
    DL_TRY(ApplyConfirmedEmail(tx, user_id, email, now));
    return audit::Record(tx, {user_id, "email_verified", "", "link", now});
  });
  if (!status.ok()) return status.error();
  return outcome;
}

core::Result<void> AccountService::ConfirmEmailByCode(int64_t user_id, std::string_view typed) {
  auto code = NormalizeCode(typed);
  int64_t now = clock_.NowSeconds();
  auto pending = CodeStore::LatestVerificationCode(db_, user_id, now);
  if (!pending.ok()) return pending.error();
  if (!*pending) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
  int64_t id = (*pending)->id;
  std::string expected = (*pending)->hash;
  std::string email = (*pending)->email;
  // The try is counted by one conditional update before comparing (see ResetPassword).
  auto tried = CodeStore::TryVerificationCode(db_, id, limits_.reset_code_tries);
  if (!tried.ok()) return tried.error();
  if (!*tried) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
  if (!code || !core::ConstantTimeEquals(
                   core::KeyedHash(secret_, "verify-code", std::to_string(user_id) + ":" + *code),
                   expected)) {
    return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
  }
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto claimed = CodeStore::UseVerification(tx, id, now);
    if (!claimed.ok()) return claimed.error();
    if (!*claimed) return core::Error::InvalidArgument(std::string(kBadCode)).ForReaders();
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
  auto record = UserStore::FindById(tx, user_id);
  if (!record.ok()) return record.error();
  if (!*record) return core::Error::InvalidArgument(std::string(kBadLink)).ForReaders();
  User user = (*record)->user;
  if (user.email != email) {
    // A change of address: the new one is proven now; the old one hears about it.
    auto changed = UserStore::SetEmail(tx, user_id, email, now);
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
