#pragma once
// Article pages (the front page is front_page.hpp).

#include "articles/article.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "render/view.hpp"
#include "web/articles/context.hpp"
#include "web/kit/visitor.hpp"

namespace dateline::web {

http::Response ArticlePage(const ArticlesContext& ctx, const http::Request& request);

// The reader's page of `story` (any status) for staff, under a banner saying what it is:
// the text as a reader without a subscription sees it, paywall box included.
http::Response StoryPreview(const ArticlesContext& ctx, const Visitor& staff,
                            const articles::Article& story, const std::string& banner);

// The story's part of its page (no layout), for the editor's live preview.
core::Result<std::string> StoryPreviewFragment(const ArticlesContext& ctx,
                                               const articles::Article& story);

// /preview/ID?until=T&sig=S: a story shown through a preview link, to anyone holding it.
http::Response SharedPreviewPage(const ArticlesContext& ctx, const http::Request& request);

// A correction as the article page, the editor and /corrections draw it.
render::View CorrectionView(const articles::Correction& c);

// Drops this node's cached pages that show the article's comments: its page and the
// front page (comment counts). Everything, if the article cannot be read.
void ForgetArticlePages(const ArticlesContext& ctx, int64_t article_id);

}  // namespace dateline::web
