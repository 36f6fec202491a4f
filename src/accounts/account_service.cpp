// Sign-up, sign-in, sessions and profile changes. Password reset lives in
// password_reset.cpp and email confirmation in email_verification.cpp.

#include "accounts/account_service.hpp"

#include <spdlog/spdlog.h>

#include "accounts/code_store.hpp"
#include "accounts/email_address.hpp"
#include "accounts/password.hpp"
#include "audit/audit_store.hpp"
#include "core/text.hpp"
#include "mail/outbox_store.hpp"
#include "metrics/counters.hpp"

namespace dateline::accounts {
namespace {

constexpr std::string_view kBadCredentials = "The email or password is not right.";

}  // namespace

AccountService::AccountService(store::Db& db, UserStore& users, SessionStore& sessions,
                               ratelimit::RateLimiter& limiter, const PasswordPolicy& policy,
                               const AccountMailer& mailer, const core::SecretKey& secret,
                               const core::Clock& clock, AccountLimits limits)
    : db_(db),
      users_(users),
      sessions_(sessions),
      limiter_(limiter),
      policy_(policy),
      mailer_(mailer),
      secret_(secret),
      clock_(clock),
      limits_(limits) {}

// What a sign-in for an address nobody has is checked against, so it costs what a real one
// does. Made once per process, on the first such sign-in: not in the constructor, where
// every command that builds the services (publishing a story, say) would pay for a hash.
const std::string& AccountService::DummyHash() {
  static const std::string hash = [] {
    auto made = HashPassword(core::RandomToken(16));
    return made.ok() ? *made : std::string();
  }();
  return hash;
}

std::string AccountService::RateBucket(std::string_view kind, std::string_view email) const {
  // Emails are not stored in clear in the limits table.
  return std::string(kind) + ":" + core::KeyedHash(secret_, "rate-limit", email).substr(0, 32);
}

std::string AccountService::PairBucket(std::string_view email, const ClientInfo& client) const {
  return RateBucket("login-pair", email) + ":" + client.RateKey();
}

core::Result<void> AccountService::CountFailure(store::Executor& tx, std::string_view email,
                                                const ClientInfo& client) {
  DL_TRY(limiter_.Hit(tx, PairBucket(email, client), limits_.login_failures_per_pair));
  DL_TRY(limiter_.Hit(tx, RateBucket("login-account", email), limits_.login_failures_per_account));
  return {};
}

void AccountService::CountFailure(std::string_view email, const ClientInfo& client) {
  (void)db_.InRelaxedTransaction(
      [&](store::Executor& tx) { return CountFailure(tx, email, client); });
}

core::Result<void> AccountService::ForgetFailures(std::string_view email) {
  DL_TRY(limiter_.Reset(RateBucket("login-account", email)));
  return limiter_.ResetPrefix(RateBucket("login-pair", email) + ":");
}

core::Result<void> AccountService::Audit(store::Executor& tx, std::optional<int64_t> user_id,
                                         std::string kind, const ClientInfo& client,
                                         std::string detail) {
  return audit::Record(
      tx, {user_id, std::move(kind), client.ip, std::move(detail), clock_.NowSeconds()});
}

core::Result<std::string> AccountService::CleanDisplayName(std::string_view name) {
  std::string clean(core::Trim(name));
  if (!core::IsValidUtf8(clean))
    return core::Error::InvalidArgument("The name must be text.").ForReaders();
  size_t length = core::CodePointCount(clean);
  if (length == 0)
    return core::Error::InvalidArgument("Enter the name to show with your comments.").ForReaders();
  if (length > 60)
    return core::Error::InvalidArgument("Keep the name to 60 characters or fewer.").ForReaders();
  // Control characters, and the invisible ones that reorder or hide text (bidi overrides
  // and isolates, zero-width joiners, line separators): a name must read as it is.
  if (core::HasInvisibleOrControl(clean)) {
    return core::Error::InvalidArgument(
               "The name has a character we cannot show (a control or direction mark).")
        .ForReaders();
  }
  return clean;
}

core::Result<void> AccountService::SignUp(std::string_view email_in, std::string_view name_in,
                                          std::string_view password, const ClientInfo& client,
                                          std::string_view return_path) {
  auto email = NormalizeEmail(email_in);
  if (!email) return core::Error::InvalidArgument("Enter a valid email address.").ForReaders();
  auto name = CleanDisplayName(name_in);
  if (!name.ok()) return name.error();
  DL_TRY(policy_.Check(password, *email));
  auto allowed = limiter_.Hit("signup-ip:" + client.RateKey(), limits_.signup_per_ip);
  if (!allowed.ok()) return allowed.error();
  if (!*allowed) return core::Error::RateLimited("too many sign-ups from this address");
  // Hash before looking the address up, so both outcomes take the same time.
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.error();
  auto existing = users_.FindByEmail(*email);
  if (!existing.ok()) return existing.error();
  int64_t now = clock_.NowSeconds();
  auto notify_existing = [&]() -> core::Result<void> {
    return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
      DL_TRY(mail::Outbox::Enqueue(tx, mailer_.AlreadyRegistered(*email), now));
      return Audit(tx, (*existing) ? std::optional<int64_t>((*existing)->user.id) : std::nullopt,
                   "signup_existing_email", client);
    });
  };
  if (*existing) return notify_existing();
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto user = UserStore::Insert(tx, {*email, *name, *hash, Role::kReader, false, false}, now);
    if (!user.ok()) return user.error();
    DL_TRY(EnqueueVerification(tx, *user, user->email, return_path));
    return Audit(tx, user->id, "signup", client);
  });
  if (!status.ok() && status.error().code == core::ErrorCode::kAlreadyExists) {
    return notify_existing();  // a sign-up for the same address won the race
  }
  return status;
}

core::Result<SessionGrant> AccountService::LogIn(std::string_view email, std::string_view password,
                                                 bool remember, std::string_view old_token,
                                                 const ClientInfo& client) {
  auto grant = CheckAndLogIn(email, password, remember, old_token, client);
  static metrics::Counter& ok = metrics::SignIns("ok");
  static metrics::Counter& refused = metrics::SignIns("refused");
  static metrics::Counter& limited = metrics::SignIns("limited");
  if (grant.ok()) {
    ok.Add();
  } else if (grant.error().code == core::ErrorCode::kRateLimited) {
    limited.Add();
  } else if (grant.error().code == core::ErrorCode::kUnauthenticated) {
    refused.Add();
  }
  return grant;
}

core::Result<SessionGrant> AccountService::CheckAndLogIn(std::string_view email_in,
                                                         std::string_view password, bool remember,
                                                         std::string_view old_token,
                                                         const ClientInfo& client) {
  // Refusals come before any write: an address over its limit costs one read.
  std::string ip_bucket = "login-ip:" + client.RateKey();
  auto ip_ok = limiter_.WouldAllow(ip_bucket, limits_.login_per_ip);
  if (!ip_ok.ok()) return ip_ok.error();
  if (!*ip_ok) return core::Error::RateLimited("too many sign-in attempts from this address");
  auto email = NormalizeEmail(email_in);
  std::string pair_bucket = PairBucket(email.value_or(""), client);
  if (email) {
    auto allowed = limiter_.WouldAllow(pair_bucket, limits_.login_failures_per_pair);
    if (!allowed.ok()) return allowed.error();
    if (!*allowed) {
      return core::Error::RateLimited("too many failed sign-ins for this account from here");
    }
  }
  std::optional<UserRecord> record;
  if (email) {
    auto found = users_.FindByEmail(*email);
    if (!found.ok()) return found.error();
    record = std::move(found.value());
  }
  // The same work whether or not the account exists.
  bool good = record ? VerifyPassword(password, record->password_hash)
                     : (VerifyPassword(password, DummyHash()), false);
  int64_t now = clock_.NowSeconds();
  if (!good || record->user.disabled) {
    // Counted and logged in one transaction that does not wait for the disk: a storm of
    // refusals costs no flush each. The counts survive the process being killed; a power
    // cut forgives the last few, which a limit counted in minutes can afford.
    (void)db_.InRelaxedTransaction([&](store::Executor& tx) -> core::Result<void> {
      DL_TRY(limiter_.Hit(tx, ip_bucket, limits_.login_per_ip));
      if (email) DL_TRY(CountFailure(tx, *email, client));
      return Audit(tx, record ? std::optional<int64_t>(record->user.id) : std::nullopt,
                   "login_failed", client, record && record->user.disabled ? "disabled" : "");
    });
    return core::Error::Unauthenticated(std::string(kBadCredentials)).ForReaders();
  }
  // The right password while the account is under a wide attack: taken from an address
  // it signed in from before; elsewhere the reset code proves the owner.
  auto calm =
      limiter_.WouldAllow(RateBucket("login-account", *email), limits_.login_failures_per_account);
  if (!calm.ok()) return calm.error();
  if (!*calm) {
    auto known = audit::HasEventFrom(db_, record->user.id, "login", client.ip);
    if (!known.ok()) return known.error();
    if (!*known) {
      return core::Error::Unauthenticated(
                 "This account has had too many failed sign-ins. To sign in from here, reset your "
                 "password with a code sent to your email.")
          .ForReaders();
    }
  }
  (void)limiter_.Reset(pair_bucket);
  SessionGrant grant;
  grant.token = core::RandomToken(32);
  grant.user = record->user;
  SessionRecord session;
  session.id_hash = core::Sha256Hex(grant.token);
  session.user_id = record->user.id;
  session.persistent = remember;
  session.created_at = session.last_seen_at = now;
  session.expires_at = now + (remember ? limits_.remembered_absolute : limits_.session_absolute);
  session.user_agent = client.user_agent.substr(0, 300);
  session.ip = client.ip;
  if (remember) grant.max_age = limits_.remembered_absolute;
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(limiter_.Hit(tx, ip_bucket, limits_.login_per_ip));  // sign-ins count too
    if (!old_token.empty()) DL_TRY(SessionStore::Delete(tx, core::Sha256Hex(old_token)));
    DL_TRY(SessionStore::Insert(tx, session));
    return Audit(tx, record->user.id, "login", client, remember ? "remembered" : "");
  });
  if (!status.ok()) return status.error();
  return grant;
}

core::Result<void> AccountService::LogOut(std::string_view token) {
  if (token.empty()) return {};
  return db_.InTransaction(
      [&](store::Executor& tx) { return SessionStore::Delete(tx, core::Sha256Hex(token)); });
}

core::Result<std::optional<Viewer>> AccountService::Authenticate(std::string_view token) {
  if (token.size() != 43) return std::optional<Viewer>();  // 32 bytes in base64url
  std::string hash = core::Sha256Hex(token);
  auto found = sessions_.Find(hash);
  if (!found.ok()) return found.error();
  if (!*found) return std::optional<Viewer>();
  auto& [session, record] = **found;
  int64_t now = clock_.NowSeconds();
  int64_t idle = session.persistent ? limits_.remembered_idle : limits_.session_idle;
  if (now >= session.expires_at || now - session.last_seen_at >= idle || record.user.disabled) {
    (void)db_.InTransaction([&](store::Executor& tx) { return SessionStore::Delete(tx, hash); });
    return std::optional<Viewer>();
  }
  // Writing on every request would make reads writes; a few minutes' precision will do.
  if (now - session.last_seen_at >= 300) (void)sessions_.Touch(hash, now);
  return std::optional<Viewer>(Viewer{record.user, hash, session.persistent});
}

core::Result<void> AccountService::ChangePassword(const Viewer& viewer, std::string_view current,
                                                  std::string_view next, const ClientInfo& client) {
  auto record = users_.FindById(viewer.user.id);
  if (!record.ok()) return record.error();
  if (!*record) return core::Error::NotFound("no such user");
  auto allowed =
      limiter_.WouldAllow(PairBucket(viewer.user.email, client), limits_.login_failures_per_pair);
  if (!allowed.ok()) return allowed.error();
  if (!*allowed) return core::Error::RateLimited("too many wrong passwords");
  if (!VerifyPassword(current, (*record)->password_hash)) {
    CountFailure(viewer.user.email, client);
    return core::Error::InvalidArgument("The current password is not right.").ForReaders();
  }
  DL_TRY(policy_.Check(next, viewer.user.email));
  auto hash = HashPassword(next);
  if (!hash.ok()) return hash.error();
  int64_t now = clock_.NowSeconds();
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(UserStore::SetPasswordHash(tx, viewer.user.id, *hash, now));
    auto revoked = SessionStore::DeleteAllForUser(tx, viewer.user.id, viewer.session_hash);
    if (!revoked.ok()) return revoked.error();
    DL_TRY(mail::Outbox::Enqueue(tx, mailer_.PasswordChanged(viewer.user), now));
    return Audit(tx, viewer.user.id, "password_changed", client,
                 std::to_string(*revoked) + " other sessions revoked");
  });
}

core::Result<void> AccountService::ChangeDisplayName(int64_t user_id, std::string_view name) {
  auto clean = CleanDisplayName(name);
  if (!clean.ok()) return clean.error();
  return users_.SetDisplayName(user_id, *clean, clock_.NowSeconds());
}

core::Result<std::vector<SessionRecord>> AccountService::Sessions(int64_t user_id) {
  return sessions_.ListForUser(user_id, clock_.NowSeconds());
}

core::Result<void> AccountService::RevokeSession(int64_t user_id, const std::string& id_hash) {
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto r = SessionStore::DeleteOfUser(tx, user_id, id_hash);
    if (!r.ok()) return r.error();
    if (!*r) return core::Error::NotFound("no such session");
    return {};
  });
}

core::Result<User> AccountService::CreateUser(std::string_view email_in,
                                              std::string_view display_name,
                                              std::string_view password, Role role,
                                              bool must_change_password) {
  auto email = NormalizeEmail(email_in);
  if (!email)
    return core::Error::InvalidArgument("'" + std::string(email_in) +
                                        "' is not a valid email address")
        .ForReaders();
  auto name = CleanDisplayName(display_name);
  if (!name.ok()) return name.error();
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.error();
  return users_.Insert({*email, *name, *hash, role, must_change_password, true},
                       clock_.NowSeconds());
}

core::Result<AccountService::MemberPage> AccountService::Members(const Actor& actor,
                                                                 std::string_view text,
                                                                 int64_t after_id, int limit) {
  DL_TRY(Require(actor, Capability::kManageMembers,
                 "The list of members is for the newsroom's administrators."));
  MemberPage page;
  auto users = users_.Page(text, after_id, limit + 1);
  if (!users.ok()) return users.error();
  auto total = users_.Count(text);
  if (!total.ok()) return total.error();
  page.total = *total;
  if (static_cast<int>(users->size()) > limit) {
    users->resize(static_cast<size_t>(limit));
    page.next_after = users->back().id;
  }
  page.users = std::move(users.value());
  return page;
}

core::Result<User> AccountService::FindUser(std::string_view email_in) {
  auto email = NormalizeEmail(email_in);
  if (!email) return core::Error::NotFound("no account for " + std::string(email_in));
  auto record = users_.FindByEmail(*email);
  if (!record.ok()) return record.error();
  if (!*record) return core::Error::NotFound("no account for " + std::string(email_in));
  return (*record)->user;
}

core::Result<User> AccountService::SetRole(const Actor& actor, std::string_view email_in, Role role,
                                           const ClientInfo& by) {
  DL_TRY(Require(actor, Capability::kManageMembers, "Roles are given by the administrators."));
  auto found = FindUser(email_in);
  if (!found.ok()) return found.error();
  if (RoleRank(found->role) >= actor.rank || RoleRank(role) > actor.rank) {
    return core::Error::PermissionDenied("You cannot change a role as high as yours or higher.")
        .ForReaders();
  }
  User user = *found;
  Role before = user.role;
  DL_TRY(db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(UserStore::SetRole(tx, user.id, role, clock_.NowSeconds()));
    return Audit(tx, user.id, "role_changed", by,
                 std::string(RoleName(before)) + " -> " + RoleName(role));
  }));
  user.role = role;
  return user;
}

core::Result<User> AccountService::SetDisabled(const Actor& actor, std::string_view email_in,
                                               bool disabled, const ClientInfo& by) {
  DL_TRY(
      Require(actor, Capability::kManageMembers, "Accounts are disabled by the administrators."));
  auto found = FindUser(email_in);
  if (!found.ok()) return found.error();
  if (RoleRank(found->role) >= actor.rank) {
    return core::Error::PermissionDenied("You cannot disable an account as high as yours.")
        .ForReaders();
  }
  User user = *found;
  DL_TRY(db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(UserStore::SetDisabled(tx, user.id, disabled, clock_.NowSeconds()));
    if (disabled) {
      auto revoked = SessionStore::DeleteAllForUser(tx, user.id);
      if (!revoked.ok()) return revoked.error();
    }
    return Audit(tx, user.id, disabled ? "account_disabled" : "account_enabled", by);
  }));
  user.disabled = disabled;
  return user;
}

core::Result<void> AccountService::CheckPassword(const User& user, std::string_view password,
                                                 const ClientInfo& client) {
  auto allowed =
      limiter_.WouldAllow(PairBucket(user.email, client), limits_.login_failures_per_pair);
  if (!allowed.ok()) return allowed.error();
  if (!*allowed) return core::Error::RateLimited("too many wrong passwords");
  auto record = users_.FindById(user.id);
  if (!record.ok()) return record.error();
  if (!*record) return core::Error::NotFound("no such user");
  if (!VerifyPassword(password, (*record)->password_hash)) {
    CountFailure(user.email, client);
    return core::Error::InvalidArgument("The password is not right.").ForReaders();
  }
  return {};
}

core::Result<void> AccountService::RequestEmailChange(const Viewer& viewer,
                                                      std::string_view new_email_in,
                                                      std::string_view password,
                                                      const ClientInfo& client) {
  auto email = NormalizeEmail(new_email_in);
  if (!email) return core::Error::InvalidArgument("Enter a valid email address.").ForReaders();
  if (*email == viewer.user.email) {
    return core::Error::InvalidArgument("That is already your address.").ForReaders();
  }
  // Only a proven account may send mail to another address, and only a few times.
  if (!viewer.user.verified) {
    return core::Error::InvalidArgument(
               "Confirm your current address first; then you can change it.")
        .ForReaders();
  }
  DL_TRY(CheckPassword(viewer.user, password, client));
  auto per_account = limiter_.Hit("email-change:" + std::to_string(viewer.user.id),
                                  limits_.email_change_per_account);
  if (!per_account.ok()) return per_account.error();
  auto per_ip = limiter_.Hit("email-change-ip:" + client.RateKey(), limits_.email_change_per_ip);
  if (!per_ip.ok()) return per_ip.error();
  if (!*per_account || !*per_ip) {
    return core::Error::RateLimited("too many address changes requested");
  }
  auto taken = users_.FindByEmail(*email);
  if (!taken.ok()) return taken.error();
  int64_t now = clock_.NowSeconds();
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    if (*taken) {
      DL_TRY(mail::Outbox::Enqueue(tx, mailer_.AlreadyRegistered(*email), now));
    } else {
      DL_TRY(EnqueueVerification(tx, viewer.user, *email));
    }
    DL_TRY(mail::Outbox::Enqueue(tx, mailer_.EmailChangeRequested(viewer.user, *email), now));
    return Audit(tx, viewer.user.id, "email_change_requested", client);
  });
}

core::Result<void> AccountService::DeleteAccount(
    const Viewer& viewer, std::string_view password, const ClientInfo& client,
    const std::function<core::Result<void>()>& before_delete) {
  DL_TRY(CheckPassword(viewer.user, password, client));
  if (before_delete) DL_TRY(before_delete());
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    // Sessions, confirmations and reset codes go with the row (ON DELETE CASCADE). The
    // audit entry keeps the number only.
    DL_TRY(Audit(tx, viewer.user.id, "account_deleted", client));
    return UserStore::Delete(tx, viewer.user.id);
  });
}

core::Result<AccountService::AccountData> AccountService::ExportData(int64_t user_id) {
  auto record = users_.FindById(user_id);
  if (!record.ok()) return record.error();
  if (!*record) return core::Error::NotFound("no such user");
  AccountData data;
  data.user = (*record)->user;
  auto sessions = sessions_.ListForUser(user_id, clock_.NowSeconds());
  if (!sessions.ok()) return sessions.error();
  data.sessions = std::move(sessions.value());
  auto events = audit::ForUser(db_, user_id, 1000);
  if (!events.ok()) return events.error();
  for (const auto& e : *events) data.events.emplace_back(e.kind, e.at);
  return data;
}

core::Result<int64_t> AccountService::PruneExpired() {
  int64_t now = clock_.NowSeconds();
  int64_t removed = 0;
  auto sessions = sessions_.DeleteExpired(now);
  if (!sessions.ok()) return sessions.error();
  removed += *sessions;
  // Spent or expired codes are kept a day for the audit trail's sake, then dropped.
  auto codes = CodeStore::Prune(db_, now - 86400);
  if (!codes.ok()) return codes.error();
  return removed + *codes;
}

core::Result<std::map<int64_t, std::string>> AccountService::DisplayNames(
    const std::vector<int64_t>& ids) {
  auto users = users_.FindByIds(ids);
  if (!users.ok()) return users.error();
  std::map<int64_t, std::string> names;
  for (const auto& [id, user] : *users) names[id] = user.display_name;
  return names;
}

}  // namespace dateline::accounts
