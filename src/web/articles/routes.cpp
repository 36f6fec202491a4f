#include "web/articles/routes.hpp"

#include "pages/site_page.hpp"
#include "web/articles/api.hpp"
#include "web/articles/article_pages.hpp"
#include "web/articles/corrections_pages.hpp"
#include "web/articles/feeds.hpp"
#include "web/articles/front_admin_pages.hpp"
#include "web/articles/front_page.hpp"
#include "web/articles/newsroom_pages.hpp"
#include "web/articles/search_pages.hpp"
#include "web/articles/shelf_pages.hpp"
#include "web/articles/site_pages.hpp"
#include "web/articles/structure_pages.hpp"

namespace dateline::web {

using http::Method;
using http::Request;

void RegisterArticleRoutes(http::Router& router, const ArticlesContext& ctx) {
  constexpr http::Lane kQuick =
      http::Lane::kInline;  // answered from the page cache for anonymous readers
  router.Add(Method::kGet, "/", Bind(ctx, FrontPage), kQuick);
  router.Add(Method::kGet, "/articles/{slug}", Bind(ctx, ArticlePage), kQuick);
  for (const auto& page : pages::kKnownPages) {
    std::string slug = page.slug;
    router.Add(
        Method::kGet, "/" + slug, [&ctx, slug](const Request& r) { return SitePage(ctx, r, slug); },
        kQuick);
  }
  router.Add(Method::kGet, "/feed.xml", Bind(ctx, RssFeed), kQuick);
  router.Add(Method::kGet, "/corrections", Bind(ctx, CorrectionsPage), kQuick);
  router.Add(Method::kGet, "/corrections.xml", Bind(ctx, CorrectionsFeed), kQuick);
  router.Add(Method::kGet, "/sitemap.xml", Bind(ctx, Sitemap), kQuick);
  router.Add(Method::kGet, "/sitemaps/{file}", Bind(ctx, SitemapPart), kQuick);
  router.Add(Method::kGet, "/news-sitemap.xml", Bind(ctx, NewsSitemap), kQuick);
  router.Add(Method::kGet, "/robots.txt", Bind(ctx, RobotsTxt), kQuick);
  router.Add(Method::kGet, "/api/articles", Bind(ctx, ApiArticleList), kQuick);
  router.Add(Method::kGet, "/api/articles/{slug}", Bind(ctx, ApiArticle), kQuick);
  router.Add(Method::kGet, "/section/{slug}", Bind(ctx, SectionPage), kQuick);
  router.Add(Method::kGet, "/section/{slug}/feed.xml", Bind(ctx, SectionFeed), kQuick);
  router.Add(Method::kGet, "/tag/{slug}", Bind(ctx, TagPage), kQuick);
  router.Add(Method::kGet, "/tag/{slug}/feed.xml", Bind(ctx, TagFeed), kQuick);
  router.Add(Method::kGet, "/author/{slug}", Bind(ctx, AuthorPage), kQuick);
  router.Add(Method::kGet, "/author/{slug}/feed.xml", Bind(ctx, AuthorFeed), kQuick);
  router.Add(Method::kGet, "/archive", Bind(ctx, ArchivePage), kQuick);
  router.Add(Method::kGet, "/archive/{year}/{month}", Bind(ctx, ArchiveMonthPage), kQuick);
  router.Add(Method::kGet, "/search", Bind(ctx, SearchPage));
  // The paper's structure.
  router.Add(Method::kGet, "/admin/front", Bind(ctx, AdminFrontPage));
  router.Add(Method::kPost, "/admin/front", Bind(ctx, AdminFrontSubmit));
  router.Add(Method::kGet, "/admin/sections", Bind(ctx, AdminSectionsPage));
  router.Add(Method::kPost, "/admin/sections", Bind(ctx, AdminSectionSubmit));
  router.Add(Method::kPost, "/admin/sections/{id}/delete", Bind(ctx, AdminSectionDelete));
  router.Add(Method::kGet, "/admin/tags", Bind(ctx, AdminTagsPage));
  router.Add(Method::kPost, "/admin/tags", Bind(ctx, AdminTagSubmit));
  router.Add(Method::kPost, "/admin/tags/{id}/delete", Bind(ctx, AdminTagDelete));
  router.Add(Method::kGet, "/admin/authors", Bind(ctx, AdminAuthorsPage));
  router.Add(Method::kPost, "/admin/authors", Bind(ctx, AdminAuthorSubmit));
  router.Add(Method::kPost, "/admin/authors/{id}/delete", Bind(ctx, AdminAuthorDelete));
  // The newsroom's stories.
  router.Add(Method::kGet, "/admin/articles", Bind(ctx, StoryListPage));
  router.Add(Method::kGet, "/admin/articles/new", Bind(ctx, StoryNewPage));
  router.Add(Method::kPost, "/admin/articles/new", Bind(ctx, StoryCreateSubmit));
  router.Add(Method::kGet, "/admin/articles/{id}", Bind(ctx, StoryEditPage));
  router.Add(Method::kPost, "/admin/articles/{id}", Bind(ctx, StorySaveSubmit));
  router.Add(Method::kGet, "/admin/articles/{id}/preview", Bind(ctx, StoryPreviewPage));
  router.Add(Method::kPost, "/admin/articles/{id}/move", Bind(ctx, StoryMoveSubmit));
  router.Add(Method::kPost, "/admin/articles/{id}/trash", Bind(ctx, StoryTrashSubmit));
  router.Add(Method::kPost, "/admin/articles/{id}/restore", Bind(ctx, StoryUntrashSubmit));
  router.Add(Method::kPost, "/admin/articles/{id}/corrections", Bind(ctx, StoryCorrectSubmit));
  router.Add(Method::kPost, "/admin/articles/{id}/share", Bind(ctx, StoryShareSubmit));
  router.Add(Method::kPost, "/admin/articles/{id}/autosave", Bind(ctx, StoryAutosaveSubmit));
  router.Add(Method::kPost, "/admin/articles/{id}/presence", Bind(ctx, StoryPresenceSubmit));
  router.Add(Method::kPost, "/admin/articles/preview", Bind(ctx, StoryLivePreviewSubmit));
  router.Add(Method::kGet, "/preview/{id}", Bind(ctx, SharedPreviewPage));
  router.Add(Method::kGet, "/admin/articles/{id}/revisions", Bind(ctx, StoryRevisionsPage));
  router.Add(Method::kPost, "/admin/articles/{id}/revisions/{rev}/restore",
             Bind(ctx, StoryRevisionRestoreSubmit));
}

}  // namespace dateline::web
