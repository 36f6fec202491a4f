#pragma once
// Plans and subscriptions: what web/ and the CLI call. The `manual` provider (operators
// grant and revoke complimentary subscriptions) works offline; a payment provider plugs in
// beside it later. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/db.hpp"
#include "subscriptions/subscription.hpp"

namespace dateline::subscriptions {

class SubscriptionService {
 public:
  SubscriptionService(store::Db& db, const core::Clock& clock, int64_t past_due_grace_seconds)
      : db_(db), clock_(clock), grace_(past_due_grace_seconds) {}

  core::Result<std::vector<Plan>> ActivePlans();
  // Who may change plans (kManagePlans) and give or end members' subscriptions
  // (kManageMembers): kPermissionDenied with a sentence, or nothing.
  static core::Result<void> MayManagePlans(const accounts::Actor& actor);
  static core::Result<void> MayManageMembers(const accounts::Actor& actor);
  // Adds the plan, or updates the one with the same code. kInvalidArgument with a
  // reader-facing message when a field will not do.
  core::Result<Plan> SavePlan(const accounts::Actor& actor, const Plan& plan);
  // Withdraws a plan from /subscribe (existing subscriptions keep it).
  core::Result<void> SetPlanActive(const accounts::Actor& actor, std::string_view code,
                                   bool active);

  // The reader's subscription that matters most (the latest ending), if any.
  core::Result<std::optional<Subscription>> Current(int64_t user_id);
  // How many subscriptions began since `since` (staff who manage members only).
  core::Result<int64_t> StartedSince(const accounts::Actor& actor, int64_t since);
  core::Result<bool> HasDigitalAccess(int64_t user_id);

  // A subscription until `until` given by the newsroom, replacing one it gave before:
  // "manual" for a complimentary one, "offline" for one paid outside the site (invoice,
  // bank transfer, a print subscription); see KindOf.
  core::Result<Subscription> Grant(const accounts::Actor& actor, int64_t user_id,
                                   std::string_view plan_code, int64_t until,
                                   std::string_view provider = "manual");
  // The same inside the caller's transaction (an approval that must grant with it).
  static core::Result<Subscription> GrantIn(store::Executor& tx, int64_t user_id,
                                            std::string_view plan_code, int64_t until,
                                            std::string_view provider, int64_t now);
  // Ends every subscription of the reader now.
  core::Result<int64_t> Revoke(const accounts::Actor& actor, int64_t user_id);
  // Ends the complimentary subscription the newsroom gave the reader ("manual"), leaving
  // any they pay for; kNotFound when there is none running.
  core::Result<void> EndComp(const accounts::Actor& actor, int64_t user_id);

 private:
  store::Db& db_;
  const core::Clock& clock_;
  int64_t grace_;
};

}  // namespace dateline::subscriptions
