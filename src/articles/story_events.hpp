#pragma once
// What the webhooks hear of stories, said inside the transaction of the change: a story
// that became live ("story.published"), a live story's new text ("story.updated"), and a
// story readers can no longer see ("story.unpublished"). The event's object is the story's
// public summary, never its text.

#include <string_view>

#include "articles/article.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::articles {

// The change from `before` to `after` (either may be unset: created, purged) at `now`:
// announces published, unpublished, or updated (`text_changed` on a live story), or nothing.
core::Result<void> AnnounceStoryChange(store::Executor& tx, const Article* before,
                                       const Article& after, bool text_changed, int64_t now);

}  // namespace dateline::articles
