#include "web/api/routes.hpp"

#include "web/api/admin_api.hpp"
#include "web/api/content_api.hpp"
#include "web/api/integrations_pages.hpp"

namespace dateline::web {

void RegisterApiRoutes(http::Router& router, const ApiContext& ctx) {
  using http::Method;
  RegisterContentApi(router, ctx);
  RegisterAdminApi(router, ctx);
  router.Add(Method::kGet, "/admin/integrations", Bind(ctx, IntegrationsPage));
  router.Add(Method::kPost, "/admin/integrations/keys", Bind(ctx, IntegrationsKeySubmit));
  router.Add(Method::kPost, "/admin/integrations/keys/{id}/revoke",
             Bind(ctx, IntegrationsKeyRevoke));
  router.Add(Method::kPost, "/admin/integrations/webhooks", Bind(ctx, IntegrationsWebhookSubmit));
  router.Add(Method::kPost, "/admin/integrations/webhooks/{id}/delete",
             Bind(ctx, IntegrationsWebhookDelete));
}

}  // namespace dateline::web
