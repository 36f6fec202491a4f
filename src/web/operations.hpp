#pragma once
// The routes for whoever runs the site rather than reads it: /healthz (is the process and
// its store up), /readyz (may this node take traffic: the store answers and holds the
// schema this binary expects) and /metrics (Prometheus text, for configured addresses only).

#include "http/router.hpp"

namespace dateline::web {

struct SiteServices;

void RegisterOperationsRoutes(http::Router& router, const SiteServices& services);

}  // namespace dateline::web
