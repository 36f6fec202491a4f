#pragma once
// What the account pages use beyond the kit: what the account page shows of the reader's
// subscription requests, reply emails, newsletters and billing.

#include "comments/comment_service.hpp"
#include "newsletters/membership_service.hpp"
#include "subscriptions/billing.hpp"
#include "subscriptions/subscription_requests.hpp"
#include "web/kit/kit.hpp"

namespace dateline::web {

struct AccountsContext : Kit {
  subscriptions::SubscriptionRequests& requests;
  subscriptions::Billing& billing;
  comments::CommentService& comments;           // the reader's choice of reply emails
  newsletters::MembershipService& memberships;  // the reader's newsletters
};

}  // namespace dateline::web
