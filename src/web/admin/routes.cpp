#include "web/admin/routes.hpp"

#include "web/admin/admin_pages.hpp"
#include "web/admin/home_page.hpp"
#include "web/admin/settings_page.hpp"

namespace dateline::web {

using http::Method;

void RegisterAdminRoutes(http::Router& router, const AdminContext& ctx) {
  router.Add(Method::kGet, "/admin", Bind(ctx, AdminHomePage));
  router.Add(Method::kGet, "/admin/settings", Bind(ctx, AdminSettingsPage));
  router.Add(Method::kGet, "/admin/members", Bind(ctx, AdminMembersPage));
  router.Add(Method::kGet, "/admin/members.csv", Bind(ctx, AdminMembersCsv));
  router.Add(Method::kPost, "/admin/members/grant", Bind(ctx, AdminGrantSubmit));
  router.Add(Method::kPost, "/admin/members/revoke", Bind(ctx, AdminRevokeSubmit));
  router.Add(Method::kPost, "/admin/members/role", Bind(ctx, AdminRoleSubmit));
  router.Add(Method::kGet, "/admin/plans", Bind(ctx, AdminPlansPage));
  router.Add(Method::kPost, "/admin/plans", Bind(ctx, AdminPlanSubmit));
  router.Add(Method::kPost, "/admin/plans/withdraw", Bind(ctx, AdminPlanWithdraw));
  router.Add(Method::kGet, "/admin/pages", Bind(ctx, AdminPagesList));
  router.Add(Method::kGet, "/admin/pages/{slug}", Bind(ctx, AdminSitePage));
  router.Add(Method::kPost, "/admin/pages/{slug}", Bind(ctx, AdminSitePageSubmit));
}

}  // namespace dateline::web
