#pragma once
// /login, /logout, /signup and /verify.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/accounts/context.hpp"

namespace dateline::web {

http::Response LoginForm(const AccountsContext& ctx, const http::Request& request);
http::Response LoginSubmit(const AccountsContext& ctx, const http::Request& request);
http::Response LogoutSubmit(const AccountsContext& ctx, const http::Request& request);
http::Response SignupForm(const AccountsContext& ctx, const http::Request& request);
http::Response SignupSubmit(const AccountsContext& ctx, const http::Request& request);
http::Response VerifyForm(const AccountsContext& ctx, const http::Request& request);
http::Response VerifySubmit(const AccountsContext& ctx, const http::Request& request);

}  // namespace dateline::web
