#pragma once
// The Admin API (/api/admin/...): for programs holding a staff token (Authorization:
// Bearer dlk_...). A token acts as its staff member, within its scopes; every call goes to
// the same domain services as the newsroom's pages, which decide what that actor may do.
// Stories are created, edited, published and unpublished; images uploaded; members listed
// and given complimentary subscriptions. Described in docs/openapi.json.

#include "http/router.hpp"
#include "web/api/context.hpp"

namespace dateline::web {

void RegisterAdminApi(http::Router& router, const ApiContext& ctx);

}  // namespace dateline::web
