#pragma once
// The newsroom's story pages under /admin/articles: the list, the editor (new and
// existing stories), preview, the workflow's moves, the trash, and revisions with a
// word-level diff. Every action is the article service's to allow (story_rules.hpp);
// these pages draw only the controls it offers and show its refusals.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

http::Response StoryListPage(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryNewPage(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryCreateSubmit(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryEditPage(const ArticlesContext& ctx, const http::Request& request);
http::Response StorySaveSubmit(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryPreviewPage(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryMoveSubmit(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryTrashSubmit(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryUntrashSubmit(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryCorrectSubmit(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryShareSubmit(const ArticlesContext& ctx, const http::Request& request);
// For the editor's script (progressive enhancement; the page works without it): keep
// what is being typed, say who else has the story open, and render a live preview.
http::Response StoryAutosaveSubmit(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryPresenceSubmit(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryLivePreviewSubmit(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryRevisionsPage(const ArticlesContext& ctx, const http::Request& request);
http::Response StoryRevisionRestoreSubmit(const ArticlesContext& ctx, const http::Request& request);

}  // namespace dateline::web
