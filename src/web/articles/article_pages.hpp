#pragma once
// The front page and article pages.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

http::Response FrontPage(const ArticlesContext& ctx, const http::Request& request);
http::Response ArticlePage(const ArticlesContext& ctx, const http::Request& request);

// Drops this node's cached pages that show the article's comments: its page and the
// front page (comment counts). Everything, if the article cannot be read.
void ForgetArticlePages(const ArticlesContext& ctx, int64_t article_id);

}  // namespace dateline::web
