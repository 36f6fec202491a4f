#pragma once
// The newsletter_issues and newsletter_deliveries tables: the only place that writes their
// SQL. Deliveries are claimed under a lease by one sender at a time (FOR UPDATE SKIP
// LOCKED on PostgreSQL), so several nodes send one issue, each copy once.

#include <functional>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "newsletters/newsletter.hpp"
#include "store/db.hpp"

namespace dateline::newsletters {

class IssueStore {
 public:
  explicit IssueStore(store::Db& db) : db_(db) {}

  // Writes a scheduled issue (and a digest's further stories) in one transaction.
  core::Result<Issue> Create(const Issue& issue);
  // Takes a scheduled issue back before it goes; whether it was still scheduled.
  core::Result<bool> CancelScheduled(int64_t issue_id);
  core::Result<std::optional<Issue>> Find(int64_t issue_id);
  // A newsletter's issues, newest first, before `before_id` (0: from the newest).
  core::Result<std::vector<Issue>> Latest(int64_t newsletter_id, int64_t before_id, int limit,
                                          bool sent_only);

  // Turns the first scheduled issue whose time has come into deliveries, one per confirmed
  // member not suppressed, in one transaction (the issue's state guards it, so two nodes
  // never both do it). Only an issue `ready` accepts goes (its story is live); the others
  // wait. The issue, or nullopt when none was due and ready.
  core::Result<std::optional<Issue>> QueueNextDue(
      int64_t now, const std::function<core::Result<bool>(const Issue&)>& ready);

  // Claims up to `limit` queued deliveries due at `now` for `lease_seconds`, as `node`.
  core::Result<std::vector<Delivery>> Claim(const std::string& node, int64_t now, int limit,
                                            int64_t lease_seconds);
  // Gives back every claim `node` holds: at its start, when none of them can be in flight.
  core::Result<int64_t> ReleaseClaimsOf(const std::string& node);
  // Gives a claim back uncounted, due again at once or from `not_before`.
  core::Result<void> Release(int64_t delivery_id, std::optional<int64_t> not_before);
  // Settles a delivery. Each is a relaxed commit (see store::Db::InRelaxedTransaction):
  // one per message, so a process killed mid-batch has recorded every copy it sent.
  core::Result<void> MarkSent(int64_t delivery_id, int64_t now);
  core::Result<void> MarkSkipped(int64_t delivery_id, std::string_view reason);
  // Another try at `retry_at`, or failed for good when unset.
  core::Result<void> MarkFailed(int64_t delivery_id, const std::string& error, int64_t now,
                                std::optional<int64_t> retry_at);
  // Marks a sent copy that came back (a bounce or complaint report named it) bounced.
  core::Result<void> MarkBounced(int64_t delivery_id, const std::string& detail);
  // Issues that are sending and have nothing queued become sent.
  core::Result<void> FinishIssues(int64_t now);

  core::Result<DeliveryCounts> Counts(int64_t issue_id);

 private:
  store::Db& db_;
};

}  // namespace dateline::newsletters
