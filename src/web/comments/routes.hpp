#pragma once
// The routes of the conversation under stories, its live stream, moderation, and the reply emails'
// pages.

#include "http/router.hpp"
#include "web/comments/context.hpp"

namespace dateline::web {

// `ctx` outlives the router.
void RegisterCommentRoutes(http::Router& router, const CommentsContext& ctx);

}  // namespace dateline::web
