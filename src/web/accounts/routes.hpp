#pragma once
// The routes of signing up, in and out, confirming an address, resetting a password, and the
// reader's account.

#include "http/router.hpp"
#include "web/accounts/context.hpp"

namespace dateline::web {

// `ctx` outlives the router.
void RegisterAccountRoutes(http::Router& router, const AccountsContext& ctx);

}  // namespace dateline::web
