#pragma once
// The front page: the lead and top stories (pinned by editors at /admin/front, then the
// newest), the Latest rail, the sections editors chose as blocks; then older stories a
// page at a time by cursor, to the very first.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

http::Response FrontPage(const ArticlesContext& ctx, const http::Request& request);

}  // namespace dateline::web
