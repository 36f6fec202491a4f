#pragma once
// Documents for machines, the same for every visitor and served from the page cache: the
// RSS feed, the sitemap, robots.txt. They carry only what everyone may read.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/articles/context.hpp"
#include "web/kit/cached_page.hpp"

namespace dateline::web {

// An RSS feed of one shelf's newest stories: the whole site's, a section's, a tag's, an
// author's.
struct FeedSpec {
  std::string title;
  std::string description;
  std::string link_path;  // the page the feed follows: "/section/world"
  std::string self_path;  // the feed itself: "/section/world/feed.xml"
  articles::Shelf shelf;
};
core::Result<BuiltPage> BuildShelfFeed(const ArticlesContext& ctx, const FeedSpec& spec);

http::Response RssFeed(const ArticlesContext& ctx, const http::Request& request);
// The sitemap index, and its documents under /sitemaps/{file}: pages.xml, stories-N.xml.
http::Response Sitemap(const ArticlesContext& ctx, const http::Request& request);
http::Response SitemapPart(const ArticlesContext& ctx, const http::Request& request);
// Google News: the last two days' stories.
http::Response NewsSitemap(const ArticlesContext& ctx, const http::Request& request);
http::Response RobotsTxt(const ArticlesContext& ctx, const http::Request& request);

}  // namespace dateline::web
