#pragma once
// What the comment pages use: the conversation, the stories it is under, and the live
// readers of each.

#include "articles/article_service.hpp"
#include "comments/comment_service.hpp"
#include "comments/live_comments.hpp"
#include "web/kit/kit.hpp"

namespace dateline::web {

struct CommentsContext : Kit {
  articles::ArticleService& articles;
  comments::CommentService& comments;
  comments::LiveComments& live;
};

}  // namespace dateline::web
