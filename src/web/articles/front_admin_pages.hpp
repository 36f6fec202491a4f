#pragma once
// /admin/front: editors arrange the front page: pin stories in order (the first is the
// lead), move them up, unpin them, and choose the sections shown as blocks. The service
// decides who may (kArrangeSite); every change clears the cached front page.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

http::Response AdminFrontPage(const ArticlesContext& ctx, const http::Request& request);
http::Response AdminFrontSubmit(const ArticlesContext& ctx, const http::Request& request);

}  // namespace dateline::web
