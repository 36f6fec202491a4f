#include "web/operations.hpp"

#include "web/kit/error_pages.hpp"
#include "web/site.hpp"

namespace dateline::web {

using http::Method;
using http::Request;
using http::Response;

namespace {

Response Uncached(Response r) {
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

void RegisterOperationsRoutes(http::Router& router, const SiteServices& services) {
  // For load balancers and monitors: 200 when the store answers, 503 when it does not.
  router.Add(Method::kGet, "/healthz", [&services](const Request&) {
    bool up = services.store_answers && services.store_answers();
    return Uncached(Response::Text(up ? 200 : 503, up ? "ok\n" : "store unavailable\n"));
  });
  // For a load balancer choosing nodes and a deploy waiting for one: 503 with the reason
  // while the store is down or its schema is not the one this binary was built for (an
  // upgrade half done: a node of the old version facing a migrated store, or the reverse).
  router.Add(Method::kGet, "/readyz", [&services](const Request&) {
    if (!services.store_ready) return Uncached(Response::Text(503, "not ready\n"));
    auto ready = services.store_ready();
    if (!ready.ok()) return Uncached(Response::Text(503, ready.error().message + "\n"));
    return Uncached(Response::Text(200, "ready\n"));
  });
  // Only for the addresses the operator listed (after trusted proxies: a reader behind
  // nginx is the reader, not nginx); everyone else sees the site's ordinary 404.
  router.Add(Method::kGet, "/metrics", [&services](const Request& request) {
    auto client = http::ParseIpAddress(request.remote_address);
    if (!client || !services.metrics_allow.Contains(*client) || !services.metrics_text) {
      return ErrorPage(services, 404);
    }
    Response r = Response::Text(200, services.metrics_text());
    r.SetHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    return Uncached(std::move(r));
  });
}

}  // namespace dateline::web
