#pragma once
// Subscriptions arranged with the newsroom instead of paid online: a reader asks for a
// plan (paying by invoice, bank transfer, at the counter), or says they already take the
// print edition and gives their account number. Staff approve (an "offline" subscription
// to a date) or decline in one queue, and the reader is emailed either way. This is how a
// newsroom without Stripe sells digital access. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.hpp"
#include "accounts/user_store.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "store/db.hpp"
#include "subscriptions/request_mailer.hpp"
#include "subscriptions/subscription_service.hpp"
#include "subscriptions/subscription_store.hpp"

namespace dateline::subscriptions {

enum class RequestKind { kSubscribe, kPrint };

// What the reader filled in.
struct RequestForm {
  RequestKind kind = RequestKind::kSubscribe;
  std::string plan_code;  // kSubscribe: the plan asked for
  std::string full_name;
  std::string postal_address;  // for the invoice, or to match the print account
  std::string account_number;  // kPrint: the print subscription's number
  std::string note;            // how they will pay, anything staff should know
};

struct SubscriptionRequest {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string email;
  RequestKind kind = RequestKind::kSubscribe;
  std::string plan_code, plan_name;
  std::string full_name, postal_address, account_number, note;
  std::string status;  // pending | approved | declined
  int64_t created_at = 0;
};

struct RequestPage {
  std::vector<SubscriptionRequest> requests;
  int64_t total = 0;
  int64_t next_after = 0;  // 0 on the last page
};

class SubscriptionRequests {
 public:
  // `users` gives the requesting readers' addresses.
  SubscriptionRequests(store::Db& db, SubscriptionService& subscriptions,
                       ratelimit::RateLimiter& limiter, const RequestMailer& mailer,
                       const core::Clock& clock, accounts::UserStore& users)
      : db_(db),
        subscriptions_(subscriptions),
        limiter_(limiter),
        mailer_(mailer),
        clock_(clock),
        users_(users) {}

  // A request from a reader with a confirmed address; one waiting of each kind at a time.
  // kInvalidArgument (a sentence for the reader) for a field that will not do,
  // kAlreadyExists when one is waiting, kPermissionDenied for an unconfirmed account.
  core::Result<SubscriptionRequest> Submit(const accounts::User& reader, const RequestForm& form);
  // The reader's request still waiting, if any (shown on /subscribe and /account).
  core::Result<std::optional<SubscriptionRequest>> WaitingFor(int64_t user_id);

  // Staff (admins) only: the waiting requests, oldest first, a page at a time.
  core::Result<RequestPage> Waiting(const accounts::Actor& staff, int64_t after_id, int limit);
  // Approves: an offline subscription to `plan_code` until `until`, and an email.
  core::Result<void> Approve(const accounts::Actor& staff, int64_t request_id,
                             std::string_view plan_code, int64_t until);
  // Declines with a reason the reader is sent.
  core::Result<void> Decline(const accounts::Actor& staff, int64_t request_id,
                             std::string_view reason);

 private:
  core::Result<SubscriptionRequest> Load(int64_t request_id);
  // Rows as stored, with each reader's address from accounts (one query).
  core::Result<std::vector<SubscriptionRequest>> WithEmails(const std::vector<RequestRow>& rows);

  store::Db& db_;
  SubscriptionService& subscriptions_;
  ratelimit::RateLimiter& limiter_;
  const RequestMailer& mailer_;
  const core::Clock& clock_;
  accounts::UserStore& users_;
};

const char* RequestKindName(RequestKind kind);

}  // namespace dateline::subscriptions
