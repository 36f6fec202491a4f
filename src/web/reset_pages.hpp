#pragma once
// /reset and /reset/code: password reset by emailed code. Both pages send
// Referrer-Policy: no-referrer.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site_context.hpp"

namespace dateline::web {

http::Response ResetForm(const SiteContext& ctx, const http::Request& request);
http::Response ResetSubmit(const SiteContext& ctx, const http::Request& request);
http::Response ResetCodeForm(const SiteContext& ctx, const http::Request& request);
http::Response ResetCodeSubmit(const SiteContext& ctx, const http::Request& request);

}  // namespace dateline::web
