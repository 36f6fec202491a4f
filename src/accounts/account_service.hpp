#pragma once
// Reader accounts: sign up, confirm the email, sign in and out, sessions, password reset
// by emailed code. What web/ calls; every answer is a Result whose ErrorCode web/ maps
// to a status. Slow on purpose in places (argon2id): call from worker threads only.
// Thread-safe.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accounts/account_mailer.hpp"
#include "accounts/actor.hpp"
#include "accounts/password_policy.hpp"
#include "accounts/session_store.hpp"
#include "accounts/user_store.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "store/db.hpp"

namespace dateline::accounts {

struct ClientInfo {
  std::string ip;  // the client's address, for the audit log and the devices list
  std::string user_agent;
  // What per-address limits count under: the address, or its /64 for IPv6 (see
  // http/client_address.hpp). Empty: the address itself.
  std::string network;
  const std::string& RateKey() const { return network.empty() ? ip : network; }
};

// Who is signed in, for the length of one request.
struct Viewer {
  User user;
  std::string session_hash;
  bool persistent = false;
};

struct SessionGrant {
  std::string token;               // goes in the cookie, nowhere else
  std::optional<int64_t> max_age;  // set for "keep me signed in"
  User user;
};

// Lifetimes and limits. Defaults follow OWASP's session and authentication guidance.
struct AccountLimits {
  int64_t session_idle = 12 * 3600;  // a browser-session sign-in
  int64_t session_absolute = 24 * 3600;
  int64_t remembered_idle = 14 * 86400;  // "keep me signed in"
  int64_t remembered_absolute = 30 * 86400;
  int64_t reset_code_life = 15 * 60;
  int reset_code_tries = 5;
  int64_t verification_life = 48 * 3600;
  ratelimit::Limit login_per_ip{50, 900};
  // Wrong passwords for one account from one address (network): this slows the guesser
  // there and nobody else. The owner elsewhere is never locked out by it.
  ratelimit::Limit login_failures_per_pair{10, 900};
  // Wrong passwords for one account from everywhere: past this, a right password is still
  // taken from an address the account signed in from before; anywhere else, the reader
  // is sent to the reset-code path, which proves the mailbox and clears the counts.
  ratelimit::Limit login_failures_per_account{100, 3600};
  ratelimit::Limit signup_per_ip{10, 3600};
  ratelimit::Limit reset_per_ip{10, 3600};
  ratelimit::Limit reset_per_account{3, 3600};
  ratelimit::Limit reset_tries_per_ip{30, 3600};
  ratelimit::Limit resend_verification_per_account{3, 3600};
  ratelimit::Limit email_change_per_account{3, 3600};
  ratelimit::Limit email_change_per_ip{10, 3600};
};

class AccountService {
 public:
  AccountService(store::Db& db, UserStore& users, SessionStore& sessions,
                 ratelimit::RateLimiter& limiter, const PasswordPolicy& policy,
                 const AccountMailer& mailer, const core::SecretKey& secret,
                 const core::Clock& clock, AccountLimits limits = {});

  // Creates an unverified account and emails a confirmation. An address that already has
  // an account gets the same answer here and a notice by email instead (no enumeration).
  // `return_path`: where the reader was going, carried into the confirmation link.
  core::Result<void> SignUp(std::string_view email, std::string_view display_name,
                            std::string_view password, const ClientInfo& client,
                            std::string_view return_path = {});
  // Checks the password and opens a new session (any old one given is closed: rotation).
  // kUnauthenticated for a wrong email or password, or an account locked from this network.
  core::Result<SessionGrant> LogIn(std::string_view email, std::string_view password, bool remember,
                                   std::string_view old_token, const ClientInfo& client);
  core::Result<void> LogOut(std::string_view token);
  // The viewer behind a session cookie, if it is live; expired sessions are removed.
  core::Result<std::optional<Viewer>> Authenticate(std::string_view token);

  // Queues a reset request; the reset job emails a one-time code if the account exists.
  // Always succeeds for a well-formed address (kInvalidArgument otherwise), whatever the
  // account or the rate limits, and does the same work either way (no timing tells).
  core::Result<void> RequestReset(std::string_view email, const ClientInfo& client);
  // The reset job: handles up to `limit` queued requests (each exactly once, across nodes);
  // returns how many it took.
  core::Result<int> ProcessResetRequests(int limit = 50);
  // Sets a new password from a valid code; revokes every session; no sign-in.
  core::Result<void> ResetPassword(std::string_view email, std::string_view code,
                                   std::string_view new_password, const ClientInfo& client);

  // kConfirmed, or kAlreadyConfirmed when the link was used before and its address is the
  // account's confirmed one (a second click is not an error). kInvalidArgument, with the
  // reason in words, for links that are unknown, expired, or replaced by a newer one.
  enum class LinkOutcome { kConfirmed, kAlreadyConfirmed };
  core::Result<LinkOutcome> ConfirmEmailByLink(std::string_view token);
  core::Result<void> ConfirmEmailByCode(int64_t user_id, std::string_view code);
  core::Result<void> ResendVerification(int64_t user_id);

  core::Result<void> ChangePassword(const Viewer& viewer, std::string_view current,
                                    std::string_view next, const ClientInfo& client);
  core::Result<void> ChangeDisplayName(int64_t user_id, std::string_view name);
  // Sends a confirmation to the new address (the change happens when it is confirmed)
  // and a notice to the old one. A taken address gets the same answer (no enumeration).
  core::Result<void> RequestEmailChange(const Viewer& viewer, std::string_view new_email,
                                        std::string_view password, const ClientInfo& client);
  // Deletes the account after checking the password; its sessions end with it.
  // `before_delete` runs once the password is right and may refuse (another domain's
  // cleanup that must succeed first, such as stopping a paid renewal).
  core::Result<void> DeleteAccount(const Viewer& viewer, std::string_view password,
                                   const ClientInfo& client,
                                   const std::function<core::Result<void>()>& before_delete = {});
  struct AccountData {
    User user;
    std::vector<SessionRecord> sessions;
    std::vector<std::pair<std::string, int64_t>> events;  // audit kind, time
  };
  core::Result<AccountData> ExportData(int64_t user_id);
  core::Result<std::vector<SessionRecord>> Sessions(int64_t user_id);
  core::Result<void> RevokeSession(int64_t user_id, const std::string& id_hash);

  // For operators and the first start: an account with a role, no email round trip.
  core::Result<User> CreateUser(std::string_view email, std::string_view display_name,
                                std::string_view password, Role role, bool must_change_password);

  // Operators: change a role, or disable an account (its sessions end at once).
  // kManageMembers; nobody changes or disables someone of equal or higher rank but the
  // operator.
  core::Result<User> SetRole(const Actor& actor, std::string_view email, Role role,
                             const ClientInfo& by);
  core::Result<User> SetDisabled(const Actor& actor, std::string_view email, bool disabled,
                                 const ClientInfo& by);
  // A page of accounts matching `text` (email or name; all when empty), after the one
  // whose id is `after_id`, with how many match in all and where the next page starts.
  struct MemberPage {
    std::vector<User> users;
    int64_t total = 0;
    int64_t next_after = 0;  // 0 on the last page
  };
  // The display names of these accounts (bylines of the newsroom's lists, who saved a
  // revision), in one query. Unknown ids are left out.
  core::Result<std::map<int64_t, std::string>> DisplayNames(const std::vector<int64_t>& ids);
  core::Result<MemberPage> Members(const Actor& actor, std::string_view text, int64_t after_id,
                                   int limit);
  core::Result<User> FindByEmail(std::string_view email) { return FindUser(email); }

  // Removes expired sessions and spent codes; returns how many rows went.
  core::Result<int64_t> PruneExpired();

  const PasswordPolicy& policy() const { return policy_; }

  // Display names: 1 to 60 characters, no control characters. The cleaned name or an error.
  static core::Result<std::string> CleanDisplayName(std::string_view name);

 private:
  static const std::string& DummyHash();
  core::Result<SessionGrant> CheckAndLogIn(std::string_view email, std::string_view password,
                                           bool remember, std::string_view old_token,
                                           const ClientInfo& client);
  core::Result<void> EnqueueVerification(store::Executor& tx, const User& user,
                                         const std::string& email,
                                         std::string_view return_path = {});
  core::Result<void> CheckPassword(const User& user, std::string_view password,
                                   const ClientInfo& client);
  core::Result<User> FindUser(std::string_view email);  // kNotFound when there is none
  // After a confirmation: makes `email` the account's address if it is not already.
  core::Result<void> ApplyConfirmedEmail(store::Executor& tx, int64_t user_id,
                                         const std::string& email, int64_t now);
  std::string RateBucket(std::string_view kind, std::string_view email) const;
  // Failed passwords for this account from this client's network.
  std::string PairBucket(std::string_view email, const ClientInfo& client) const;
  // A wrong password was given for `email`: counted per pair and per account, in `tx`.
  core::Result<void> CountFailure(store::Executor& tx, std::string_view email,
                                  const ClientInfo& client);
  // The same in a relaxed transaction of its own (see CheckAndLogIn).
  void CountFailure(std::string_view email, const ClientInfo& client);
  // After a reset: the account's failure counts go, everywhere.
  core::Result<void> ForgetFailures(std::string_view email);
  core::Result<void> Audit(store::Executor& tx, std::optional<int64_t> user_id, std::string kind,
                           const ClientInfo& client, std::string detail = {});

  store::Db& db_;
  UserStore& users_;
  SessionStore& sessions_;
  ratelimit::RateLimiter& limiter_;
  const PasswordPolicy& policy_;
  const AccountMailer& mailer_;
  const core::SecretKey& secret_;
  const core::Clock& clock_;
  AccountLimits limits_;
};

}  // namespace dateline::accounts
