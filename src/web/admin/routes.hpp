#pragma once
// The routes of the newsroom's members, plans and the site's own pages.

#include "http/router.hpp"
#include "web/admin/context.hpp"

namespace dateline::web {

// `ctx` outlives the router.
void RegisterAdminRoutes(http::Router& router, const AdminContext& ctx);

}  // namespace dateline::web
