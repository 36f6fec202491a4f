#pragma once
// What every page handler may use, whatever its domain: the site's settings, the clock,
// templates, the page cache, static files, the server secret (CSRF, signed links), and
// the two services that say who the visitor is (accounts) and whether they have digital
// access (subscriptions). Each domain's routes get a context that adds only the services
// its pages use (web/<domain>/context.hpp). Handlers run on I/O threads and workers;
// every member here is thread-safe.

#include "accounts/account_service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "render/page_cache.hpp"
#include "render/templates.hpp"
#include "subscriptions/subscription_service.hpp"
#include "web/kit/navigation.hpp"

namespace dateline::web {

struct Kit {
  const core::Config& config;
  const core::Clock& clock;
  const render::Templates& templates;
  render::PageCache& cache;
  const http::StaticFiles& static_files;
  const core::SecretKey& secret;
  accounts::AccountService& accounts;                 // who the visitor is
  subscriptions::SubscriptionService& subscriptions;  // their digital access
  const Navigation& navigation;                       // the masthead's sections
};

// A handler of a domain's pages as the router takes it: bound to that domain's context,
// which outlives the router.
template <typename Context>
http::Handler Bind(const Context& ctx,
                   http::Response (*handler)(const Context&, const http::Request&)) {
  return [&ctx, handler](const http::Request& request) { return handler(ctx, request); };
}

}  // namespace dateline::web
