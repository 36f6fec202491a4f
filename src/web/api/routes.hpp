#pragma once
// The APIs' routes and the integrations page's.

#include "http/router.hpp"
#include "web/api/context.hpp"

namespace dateline::web {

void RegisterApiRoutes(http::Router& router, const ApiContext& ctx);

}  // namespace dateline::web
