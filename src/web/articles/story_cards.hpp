#pragma once
// A story as lists draw it (the front page, sections, tags, authors, the archive): the
// headline and dek, the section as kicker (Opinion labelled), bylines linking to the
// authors' pages, the time, and a marker on stories for subscribers.

#include <map>
#include <vector>

#include "articles/article.hpp"
#include "core/result.hpp"
#include "render/view.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

std::string ArticlePath(const articles::Article& a);

// The card of `a`; `placement` may be null (a story not yet filed).
render::View StoryCard(const articles::Article& a, const articles::Placement* placement);
// The byline's parts of a placement: "by" authors with separators, then credits.
void AddBylines(render::View& view, const articles::Placement& placement);

// The card drawn (templates/parts/story_card), as `html` in the card's view.
core::Result<void> DrawCard(const ArticlesContext& ctx, render::View& card);

// Cards for a list of stories, with their placements read in one go, each drawn.
// With `comment_counts`, cards show how many comments their story has.
core::Result<std::vector<render::View>> StoryCards(
    const ArticlesContext& ctx, const std::vector<articles::Article>& list,
    const std::map<int64_t, int64_t>* comment_counts = nullptr);

}  // namespace dateline::web
