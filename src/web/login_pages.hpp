#pragma once
// /login, /logout, /signup and /verify.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site_context.hpp"

namespace dateline::web {

http::Response LoginForm(const SiteContext& ctx, const http::Request& request);
http::Response LoginSubmit(const SiteContext& ctx, const http::Request& request);
http::Response LogoutSubmit(const SiteContext& ctx, const http::Request& request);
http::Response SignupForm(const SiteContext& ctx, const http::Request& request);
http::Response SignupSubmit(const SiteContext& ctx, const http::Request& request);
http::Response VerifyForm(const SiteContext& ctx, const http::Request& request);
http::Response VerifySubmit(const SiteContext& ctx, const http::Request& request);

}  // namespace dateline::web
