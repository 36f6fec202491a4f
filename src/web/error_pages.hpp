#pragma once
// Real pages for 400, 404, 405, 408, 413, 431, 500 and 503, in the site layout. They never
// show internal details; the log has those.

#include "core/result.hpp"
#include "http/response.hpp"
#include "web/site_context.hpp"

namespace dateline::web {

http::Response ErrorPage(const SiteContext& ctx, int status);

// The page for a failed service call: 404 for kNotFound, 503 for kUnavailable, 500 else.
http::Response ErrorPageFor(const SiteContext& ctx, const core::Error& error);

}  // namespace dateline::web
