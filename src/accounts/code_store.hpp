#pragma once
// The accounts domain's one-time codes and their SQL: reset_requests (the queue the reset
// job works through), reset_codes and email_verifications. Codes and tokens are kept only
// as hashes; the service makes and checks them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::accounts {

struct QueuedReset {
  int64_t id = 0;
  std::string email;
  std::string ip;
  int64_t created_at = 0;
};

// A code waiting to be typed: its row and keyed hash.
struct PendingCode {
  int64_t id = 0;
  std::string hash;
  std::string email;  // verifications: the address it confirms
};

// A confirmation link as found, with the account's address as it stands.
struct VerificationLink {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string email;  // the address the link confirms
  bool used = false;
  int64_t expires_at = 0;
  std::string account_email;
  bool account_verified = false;
};

class CodeStore {
 public:
  // Reset requests, queued so that every answer takes the same time.
  static core::Result<void> QueueReset(store::Executor& x, const std::string& email,
                                       const std::string& ip, int64_t now);
  static core::Result<std::vector<QueuedReset>> QueuedResets(store::Executor& x, int limit);
  // Claims a queued request by deleting it; false when another node took it.
  static core::Result<bool> ClaimReset(store::Executor& tx, int64_t request_id);

  // Reset codes.
  // Voids the reader's older codes and stores a new one.
  static core::Result<void> ReplaceResetCode(store::Executor& tx, int64_t user_id,
                                             const std::string& hash, int64_t expires_at,
                                             int64_t now);
  static core::Result<std::optional<PendingCode>> LatestResetCode(store::Executor& x,
                                                                  int64_t user_id);
  // Counts a try before the comparison, in one conditional update; false when the code
  // has no tries left or has expired. The last allowed try spends it.
  static core::Result<bool> TryResetCode(store::Executor& x, int64_t code_id, int64_t max_tries,
                                         int64_t now);
  // Marks the code redeemed, once; false when something redeemed it first.
  static core::Result<bool> RedeemResetCode(store::Executor& tx, int64_t code_id, int64_t max_tries,
                                            int64_t now);

  // Email verifications.
  // Voids the reader's older links and codes and stores a new pair.
  static core::Result<void> ReplaceVerification(store::Executor& tx, int64_t user_id,
                                                const std::string& email,
                                                const std::string& token_hash,
                                                const std::string& code_hash, int64_t expires_at,
                                                int64_t now);
  static core::Result<std::optional<VerificationLink>> VerificationByToken(
      store::Executor& x, const std::string& token_hash);
  static core::Result<std::optional<PendingCode>> LatestVerificationCode(store::Executor& x,
                                                                         int64_t user_id,
                                                                         int64_t now);
  static core::Result<bool> TryVerificationCode(store::Executor& x, int64_t id, int64_t max_tries);
  // Marks the verification used; false when it was used already.
  static core::Result<bool> UseVerification(store::Executor& tx, int64_t id, int64_t now);

  // Forgets codes and links expired or used before `cutoff`; how many.
  static core::Result<int64_t> Prune(store::Executor& x, int64_t cutoff);
};

}  // namespace dateline::accounts
