#pragma once
// The outbox: emails written in the same transaction as the change that causes them, and
// sent later by the sender job. A crash between the change and the send loses nothing; a
// message is claimed by one sender at a time (FOR UPDATE SKIP LOCKED on PostgreSQL), so
// several nodes send each email once.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "mail/message.hpp"
#include "store/db.hpp"

namespace dateline::mail {

struct OutboxEntry {
  int64_t id = 0;
  Message message;
  int64_t attempts = 0;
};

class Outbox {
 public:
  explicit Outbox(store::Db& db) : db_(db) {}

  // Queues a message inside the caller's transaction.
  static core::Result<void> Enqueue(store::Executor& tx, const Message& message, int64_t now);

  // Claims up to `limit` due messages for `lease_seconds`; others will not take them
  // until the lease runs out (a sender that died releases them that way).
  core::Result<std::vector<OutboxEntry>> Claim(int64_t now, int limit, int64_t lease_seconds);
  // Marks a message sent and erases what it said: bodies and headers may carry codes,
  // tokens and keyed links, which must not outlive their use (only who, what subject and
  // when stay, for the record).
  core::Result<void> MarkSent(int64_t id, int64_t now);
  // Gives a claimed message back unsent (the lease would not cover another send).
  core::Result<void> Release(int64_t id);
  // Schedules another try at `retry_at`, or gives up (failed_at, and the content erased as
  // for a sent message) when `retry_at` is unset.
  core::Result<void> MarkFailed(int64_t id, const std::string& error, int64_t now,
                                std::optional<int64_t> retry_at);
  core::Result<int64_t> Pending();
  // Drops messages sent or given up on before `before`.
  core::Result<int64_t> Prune(int64_t before);

 private:
  store::Db& db_;
};

}  // namespace dateline::mail
