#pragma once
// Subscriptions arranged with the newsroom: the reader's request forms
// (/subscribe/request, for a plan or for a print subscriber), the admins' queue
// (/admin/requests) and gift codes made in the browser (/admin/gifts).

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/subscriptions/context.hpp"

namespace dateline::web {

http::Response SubscriptionRequestForm(const SubscriptionsContext& ctx,
                                       const http::Request& request);
http::Response SubscriptionRequestSubmit(const SubscriptionsContext& ctx,
                                         const http::Request& request);
http::Response AdminRequestsPage(const SubscriptionsContext& ctx, const http::Request& request);
http::Response AdminRequestApprove(const SubscriptionsContext& ctx, const http::Request& request);
http::Response AdminRequestDecline(const SubscriptionsContext& ctx, const http::Request& request);
http::Response AdminGiftsPage(const SubscriptionsContext& ctx, const http::Request& request);
http::Response AdminGiftsSubmit(const SubscriptionsContext& ctx, const http::Request& request);

}  // namespace dateline::web
