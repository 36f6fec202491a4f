#pragma once
// Subscriptions arranged with the newsroom: the reader's request forms
// (/subscribe/request, for a plan or for a print subscriber), the admins' queue
// (/admin/requests) and gift codes made in the browser (/admin/gifts).

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site_context.hpp"

namespace dateline::web {

http::Response SubscriptionRequestForm(const SiteContext& ctx, const http::Request& request);
http::Response SubscriptionRequestSubmit(const SiteContext& ctx, const http::Request& request);
http::Response AdminRequestsPage(const SiteContext& ctx, const http::Request& request);
http::Response AdminRequestApprove(const SiteContext& ctx, const http::Request& request);
http::Response AdminRequestDecline(const SiteContext& ctx, const http::Request& request);
http::Response AdminGiftsPage(const SiteContext& ctx, const http::Request& request);
http::Response AdminGiftsSubmit(const SiteContext& ctx, const http::Request& request);

}  // namespace dateline::web
