#include "web/articles/routes.hpp"

#include "pages/site_page.hpp"
#include "web/articles/api.hpp"
#include "web/articles/article_pages.hpp"
#include "web/articles/feeds.hpp"
#include "web/articles/search_pages.hpp"
#include "web/articles/site_pages.hpp"

namespace dateline::web {

using http::Method;
using http::Request;

void RegisterArticleRoutes(http::Router& router, const ArticlesContext& ctx) {
  constexpr bool kQuick = true;  // answered from the page cache for anonymous readers
  router.Add(Method::kGet, "/", Bind(ctx, FrontPage), kQuick);
  router.Add(Method::kGet, "/articles/{slug}", Bind(ctx, ArticlePage), kQuick);
  router.Add(
      Method::kGet, "/comments-policy",
      [&ctx](const Request& r) { return SitePage(ctx, r, pages::kCommentsPolicySlug); }, kQuick);
  router.Add(Method::kGet, "/feed.xml", Bind(ctx, RssFeed), kQuick);
  router.Add(Method::kGet, "/sitemap.xml", Bind(ctx, Sitemap), kQuick);
  router.Add(Method::kGet, "/robots.txt", Bind(ctx, RobotsTxt), kQuick);
  router.Add(Method::kGet, "/api/articles", Bind(ctx, ApiArticleList), kQuick);
  router.Add(Method::kGet, "/api/articles/{slug}", Bind(ctx, ApiArticle), kQuick);
  router.Add(Method::kGet, "/search", Bind(ctx, SearchPage));
}

}  // namespace dateline::web
