#pragma once
// The read-only JSON API: /api/articles (the latest, public) and /api/articles/{slug}
// (one article, with as much of the body as the visitor may read: the same rule as the
// page, from web/articles/article_access.hpp).

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

http::Response ApiArticleList(const ArticlesContext& ctx, const http::Request& request);
http::Response ApiArticle(const ArticlesContext& ctx, const http::Request& request);

}  // namespace dateline::web
