#pragma once
// Newsroom pages. /admin/members: find members, see their digital access, grant and revoke
// complimentary subscriptions. Admins only.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/admin/context.hpp"

namespace dateline::web {

http::Response AdminMembersPage(const AdminContext& ctx, const http::Request& request);
http::Response AdminMembersCsv(const AdminContext& ctx, const http::Request& request);
http::Response AdminGrantSubmit(const AdminContext& ctx, const http::Request& request);
// A member's role (the accounts service decides who may give which).
http::Response AdminRoleSubmit(const AdminContext& ctx, const http::Request& request);
http::Response AdminRevokeSubmit(const AdminContext& ctx, const http::Request& request);
// /admin/plans: the plans on offer; add, change, withdraw.
http::Response AdminPlansPage(const AdminContext& ctx, const http::Request& request);
http::Response AdminPlanSubmit(const AdminContext& ctx, const http::Request& request);
http::Response AdminPlanWithdraw(const AdminContext& ctx, const http::Request& request);
// /admin/pages/comments-policy: the "Here's why" page, edited in Markdown.
// The site's own pages (pages::kKnownPages): the list, and each one's editor.
http::Response AdminPagesList(const AdminContext& ctx, const http::Request& request);
http::Response AdminSitePage(const AdminContext& ctx, const http::Request& request);
http::Response AdminSitePageSubmit(const AdminContext& ctx, const http::Request& request);

}  // namespace dateline::web
