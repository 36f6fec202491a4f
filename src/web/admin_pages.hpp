#pragma once
// Newsroom pages. /admin/members: find members, see their digital access, grant and revoke
// complimentary subscriptions. Admins only.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site_context.hpp"

namespace dateline::web {

http::Response AdminMembersPage(const SiteContext& ctx, const http::Request& request);
http::Response AdminGrantSubmit(const SiteContext& ctx, const http::Request& request);
http::Response AdminRevokeSubmit(const SiteContext& ctx, const http::Request& request);
// /admin/plans: the plans on offer; add, change, withdraw.
http::Response AdminPlansPage(const SiteContext& ctx, const http::Request& request);
http::Response AdminPlanSubmit(const SiteContext& ctx, const http::Request& request);
http::Response AdminPlanWithdraw(const SiteContext& ctx, const http::Request& request);
// /admin/pages/comments-policy: the "Here's why" page, edited in Markdown.
http::Response AdminPolicyPage(const SiteContext& ctx, const http::Request& request);
http::Response AdminPolicySubmit(const SiteContext& ctx, const http::Request& request);

}  // namespace dateline::web
