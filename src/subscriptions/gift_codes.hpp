#pragma once
// Gift codes: an operator creates them for a plan and a number of days; a reader with a
// confirmed address redeems one at /subscribe/redeem. Single use, expiring, stored as
// keyed hashes, and rate limited against guessing.

#include <string>
#include <vector>

#include "accounts/actor.hpp"
#include "accounts/user_store.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "store/db.hpp"
#include "subscriptions/subscription.hpp"

namespace dateline::subscriptions {

class GiftCodes {
 public:
  // `users` tells admins who redeemed each code.
  GiftCodes(store::Db& db, ratelimit::RateLimiter& limiter, const core::SecretKey& secret,
            const core::Clock& clock, accounts::UserStore& users)
      : db_(db), limiter_(limiter), secret_(secret), clock_(clock), users_(users) {}

  // `count` new codes (shown once, as K7QF9-M2DXP) for `days` of `plan_code`, each
  // redeemable until `expires_at`.
  core::Result<std::vector<std::string>> Create(std::string_view plan_code, int days,
                                                int64_t expires_at, int count);
  // The same for a member of staff: admins only.
  core::Result<std::vector<std::string>> CreateFor(const accounts::Actor& staff,
                                                   std::string_view plan_code, int days,
                                                   int64_t expires_at, int count);
  // Codes made so far, newest first (before `before_id`, 0 for the newest), for admins:
  // never the codes themselves (only their hashes are kept), but their plan, days, expiry
  // and who redeemed them.
  struct Issued {
    int64_t id = 0;
    std::string plan_name;
    int64_t days = 0;
    int64_t expires_at = 0;
    int64_t created_at = 0;
    std::string redeemed_by;  // the reader's email, "" while unused
    int64_t redeemed_at = 0;
  };
  core::Result<std::vector<Issued>> ListFor(const accounts::Actor& staff, int64_t before_id,
                                            int limit);
  core::Result<int64_t> Count();
  // Redeems for the reader: extends (or starts) their gift subscription by the code's days.
  // kInvalidArgument for an unknown, used or expired code; kRateLimited past the limits.
  core::Result<Subscription> Redeem(int64_t user_id, std::string_view typed,
                                    const std::string& client_ip);

 private:
  std::string Hash(std::string_view code) const;

  store::Db& db_;
  ratelimit::RateLimiter& limiter_;
  const core::SecretKey& secret_;
  const core::Clock& clock_;
  accounts::UserStore& users_;
};

}  // namespace dateline::subscriptions
