#pragma once
// What the newsroom's pages use beyond the kit: the site's own pages, and comment
// suspensions shown beside members.

#include "comments/comment_service.hpp"
#include "pages/site_page.hpp"
#include "web/kit/kit.hpp"

namespace dateline::web {

struct AdminContext : Kit {
  pages::SitePages& site_pages;
  comments::CommentService& comments;
};

}  // namespace dateline::web
