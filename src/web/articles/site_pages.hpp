#pragma once
// Editorial pages stored in the site_pages table, such as /comments-policy.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

// Serves the stored page named by the route (e.g. "comments-policy").
http::Response SitePage(const ArticlesContext& ctx, const http::Request& request,
                        std::string_view slug);

}  // namespace dateline::web
