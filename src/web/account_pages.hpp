#pragma once
// /account and its forms: name, password, email confirmation, sessions.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site_context.hpp"

namespace dateline::web {

http::Response AccountPage(const SiteContext& ctx, const http::Request& request);
http::Response AccountNameSubmit(const SiteContext& ctx, const http::Request& request);
http::Response AccountPasswordSubmit(const SiteContext& ctx, const http::Request& request);
http::Response AccountResendSubmit(const SiteContext& ctx, const http::Request& request);
http::Response AccountRevokeSubmit(const SiteContext& ctx, const http::Request& request);
http::Response AccountEmailSubmit(const SiteContext& ctx, const http::Request& request);
http::Response AccountDeleteSubmit(const SiteContext& ctx, const http::Request& request);
http::Response AccountDataDownload(const SiteContext& ctx, const http::Request& request);

}  // namespace dateline::web
