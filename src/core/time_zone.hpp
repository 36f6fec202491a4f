#pragma once
// The site's time zone: every time readers and the newsroom see (dates on stories, the
// masthead, the editor's fields) is in it; machine formats (ISO 8601, HTTP dates, feeds'
// dates) stay in UTC. An IANA name from the config (`time_zone`), set once at start before
// any thread runs; UTC until then.

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace dateline::core {

// Whether `name` is a zone this machine knows ("UTC", or a file under the zoneinfo folder).
bool IsKnownTimeZone(std::string_view name);

// Makes `name` the site's zone. Call before starting threads (it sets the process's TZ).
Result<void> SetSiteTimeZone(std::string_view name);
const std::string& SiteTimeZone();

// The civil time in the site's zone (tm_zone holds its abbreviation: "CET", "EDT").
std::tm ToSiteTime(int64_t epoch_seconds);
// The instant a civil time in the site's zone names ("2026-12-01T09:30", seconds
// optional), or nullopt if the text is not one.
std::optional<int64_t> ParseSiteTime(std::string_view text);
// "2026-12-01T09:30:00" in the site's zone, for <input type="datetime-local">.
std::string FormatSiteInputTime(int64_t epoch_seconds);
// The next midnight in the site's zone after `now` (the masthead's date changes then).
int64_t NextSiteMidnight(int64_t now);

}  // namespace dateline::core
