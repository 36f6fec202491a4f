#pragma once
// The newsletter_members and mail_suppressions tables: the only place that writes their SQL.
// Every write that may run in a caller's transaction takes the Executor.

#include <optional>
#include <vector>

#include "core/result.hpp"
#include "newsletters/newsletter.hpp"
#include "store/db.hpp"

namespace dateline::newsletters {

class MemberStore {
 public:
  explicit MemberStore(store::Db& db) : db_(db) {}
  store::Db& db() { return db_; }

  // A reader asked to join: a new member is pending under `confirm_hash`; a pending or
  // unsubscribed one becomes pending under the new hash (an old link stops working); a
  // confirmed one is left alone. Says whether the member now waits for confirmation.
  static core::Result<bool> RequestJoin(store::Executor& tx, int64_t newsletter_id,
                                        const std::string& email, const std::string& source,
                                        const std::string& confirm_hash, int64_t now);
  // Joins confirmed, consent given at `consent_at`. `over_unsubscribe`: also when the
  // member had left (their own choice again, from a keyed link or their account); an
  // import passes false, so no list brings back a reader who left. Whether the member is
  // confirmed now.
  static core::Result<bool> JoinConfirmed(store::Executor& tx, int64_t newsletter_id,
                                          const std::string& email, const std::string& name,
                                          const std::string& source, int64_t consent_at,
                                          bool over_unsubscribe, int64_t now);
  // Confirms every member pending under `confirm_hash` since `not_before`; their count.
  core::Result<int64_t> Confirm(const std::string& confirm_hash, int64_t not_before, int64_t now);
  // The memberships pending under `confirm_hash` (for the confirmation page).
  core::Result<std::vector<Member>> PendingFor(const std::string& confirm_hash, int64_t not_before);
  core::Result<std::optional<Member>> Find(int64_t member_id);
  core::Result<std::vector<Member>> ForEmail(const std::string& email);
  static core::Result<void> Leave(store::Executor& tx, int64_t newsletter_id,
                                  const std::string& email, int64_t now);
  core::Result<void> LeaveById(int64_t member_id, int64_t now);
  // Members of every newsletter after `after_id`, by id (the CSV export).
  core::Result<std::vector<Member>> PageOfAll(int64_t after_id, int limit);
  // Confirmed, pending and unsubscribed counts.
  struct Counts {
    int64_t pending = 0, confirmed = 0, unsubscribed = 0;
  };
  core::Result<Counts> CountFor(int64_t newsletter_id);

  // No newsletter goes to a suppressed address.
  core::Result<void> Suppress(const std::string& email, SuppressionReason reason,
                              const std::string& detail, int64_t now);
  core::Result<bool> IsSuppressed(const std::string& email);
  static core::Result<bool> IsSuppressedIn(store::Executor& db, const std::string& email);
  struct Suppression {
    std::string email;
    SuppressionReason reason;
    std::string detail;
    int64_t created_at;
  };
  // The list, by address, after `after_email` (empty: from the start).
  core::Result<std::vector<Suppression>> Suppressions(const std::string& after_email, int limit);
  core::Result<int64_t> CountSuppressions();
  // Takes an address off the list (staff, when a reader asks again); whether it was there.
  core::Result<bool> Unsuppress(const std::string& email);

 private:
  store::Db& db_;
};

}  // namespace dateline::newsletters
