#pragma once
// What the newsroom's pages use beyond the kit: the site's own pages, comment
// suspensions shown beside members, and what the staff home counts.

#include "articles/article_service.hpp"
#include "comments/comment_service.hpp"
#include "pages/site_page.hpp"
#include "web/kit/kit.hpp"

namespace dateline::web {

struct AdminContext : Kit {
  pages::SitePages& site_pages;
  comments::CommentService& comments;
  articles::ArticleService& articles;  // the staff home's counts
};

}  // namespace dateline::web
