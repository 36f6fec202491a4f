#pragma once
// What the reader's pages of stories use: the stories, the site's own pages, the paywall
// meter, comment counts, and the comments section drawn under each story.

#include "articles/article_service.hpp"
#include "articles/structure_service.hpp"
#include "comments/comment_service.hpp"
#include "media/media_service.hpp"
#include "newsletters/newsletter_service.hpp"
#include "pages/site_page.hpp"
#include "subscriptions/article_meter.hpp"
#include "web/comments/context.hpp"
#include "web/kit/kit.hpp"

namespace dateline::web {

struct ArticlesContext : Kit {
  articles::ArticleService& articles;
  articles::StructureService& structure;  // sections, tags, authors
  media::MediaService& media;             // lead images and images in stories
  pages::SitePages& site_pages;
  subscriptions::ArticleMeter& meter;
  comments::CommentService& comments;           // counts on the front page
  const CommentsContext& discussion;            // the comments section under a story
  newsletters::NewsletterService& newsletters;  // the sign-up box under a story
};

}  // namespace dateline::web
