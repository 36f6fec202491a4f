#pragma once
// The routes of the front page, stories, the site's own pages, feeds, the sitemap, search and the
// JSON API.

#include "http/router.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

// `ctx` outlives the router.
void RegisterArticleRoutes(http::Router& router, const ArticlesContext& ctx);

}  // namespace dateline::web
