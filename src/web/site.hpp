#pragma once
// The whole site as one request handler: the route table and what happens when no route
// matches. web/ is the only layer that knows both HTTP and the domains.

#include <optional>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "web/site_context.hpp"

namespace dateline::web {

class Site {
 public:
  explicit Site(const SiteContext& ctx);

  http::Response Handle(http::Request& request) const;
  // Whether the request can be answered on an I/O thread (from memory) rather than on a
  // worker (it may touch the store or hash a password).
  bool RunsInline(const http::Request& request) const;
  http::Response Error(int status) const;

 private:
  // A session whose password was set by someone else (the first admin's, a new staff
  // account's) may only change it, read /account and sign out; everything else is held
  // back until it does. Null when the request may go on.
  std::optional<http::Response> HeldForPasswordChange(const http::Request& request) const;

  const SiteContext& ctx_;
  http::Router router_;
};

}  // namespace dateline::web
