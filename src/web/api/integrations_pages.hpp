#pragma once
// /admin/integrations: administrators make and revoke API keys (content keys and staff
// tokens, each shown once) and register webhook endpoints, and see each endpoint's latest
// deliveries.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/api/context.hpp"

namespace dateline::web {

http::Response IntegrationsPage(const ApiContext& ctx, const http::Request& request);
http::Response IntegrationsKeySubmit(const ApiContext& ctx, const http::Request& request);
http::Response IntegrationsKeyRevoke(const ApiContext& ctx, const http::Request& request);
http::Response IntegrationsWebhookSubmit(const ApiContext& ctx, const http::Request& request);
http::Response IntegrationsWebhookDelete(const ApiContext& ctx, const http::Request& request);

}  // namespace dateline::web
