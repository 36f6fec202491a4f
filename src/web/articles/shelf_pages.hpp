#pragma once
// Lists of stories that are not the front page: a section's front, a tag's page, an
// author's page (with their feeds), and the archive by month. Every one pages by cursor
// to its first story, and is cached like the front page.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

http::Response SectionPage(const ArticlesContext& ctx, const http::Request& request);
http::Response SectionFeed(const ArticlesContext& ctx, const http::Request& request);
http::Response TagPage(const ArticlesContext& ctx, const http::Request& request);
http::Response TagFeed(const ArticlesContext& ctx, const http::Request& request);
http::Response AuthorPage(const ArticlesContext& ctx, const http::Request& request);
http::Response AuthorFeed(const ArticlesContext& ctx, const http::Request& request);
// /archive: the months with stories; /archive/YYYY/MM: that month's stories.
http::Response ArchivePage(const ArticlesContext& ctx, const http::Request& request);
http::Response ArchiveMonthPage(const ArticlesContext& ctx, const http::Request& request);

}  // namespace dateline::web
