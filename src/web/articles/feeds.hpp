#pragma once
// Documents for machines, the same for every visitor and served from the page cache: the
// RSS feed, the sitemap, robots.txt. They carry only what everyone may read.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

http::Response RssFeed(const ArticlesContext& ctx, const http::Request& request);
http::Response Sitemap(const ArticlesContext& ctx, const http::Request& request);
http::Response RobotsTxt(const ArticlesContext& ctx, const http::Request& request);

}  // namespace dateline::web
