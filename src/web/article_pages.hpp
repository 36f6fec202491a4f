#pragma once
// The front page and article pages.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site_context.hpp"

namespace dateline::web {

http::Response FrontPage(const SiteContext& ctx, const http::Request& request);
http::Response ArticlePage(const SiteContext& ctx, const http::Request& request);

}  // namespace dateline::web
