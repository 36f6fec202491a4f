#include "articles/story_events.hpp"

#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "webhooks/announce.hpp"

namespace dateline::articles {
namespace {

std::string StoryData(const Article& a) {
  boost::json::object o{{"id", a.id},
                        {"slug", a.slug},
                        {"path", "/articles/" + a.slug},
                        {"headline", a.headline},
                        {"dek", a.dek},
                        {"access", AccessName(a.access)},
                        {"published", core::FormatIso8601(a.published_at)},
                        {"updated", core::FormatIso8601(std::max(a.published_at, a.updated_at))}};
  return boost::json::serialize(o);
}

}  // namespace

core::Result<void> AnnounceStoryChange(store::Executor& tx, const Article* before,
                                       const Article& after, bool text_changed, int64_t now) {
  bool was_live = before && before->LiveAt(now);
  bool is_live = after.LiveAt(now);
  std::string_view type;
  if (!was_live && is_live) type = "story.published";
  if (was_live && !is_live) type = "story.unpublished";
  if (was_live && is_live && text_changed) type = "story.updated";
  if (type.empty()) return {};
  return webhooks::Announce(tx, type, StoryData(after), now);
}

}  // namespace dateline::articles
