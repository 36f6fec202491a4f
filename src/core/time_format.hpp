#pragma once
// Formatting and parsing of times as they appear on pages, in feeds and in files.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline::core {

// 2016-08-26T21:05:00Z, for <time datetime> and machine-readable output.
std::string FormatIso8601(int64_t epoch_seconds);

// "Aug. 26, 2016 at 9:05 p.m. UTC", in the house style of a wire story, in the site's
// time zone (core/time_zone.hpp) with its abbreviation.
std::string FormatHumanDateTime(int64_t epoch_seconds);

// Accepts 2016-08-26, 2016-08-26T21:05, 2016-08-26T21:05:00, with an optional Z or
// +hh:mm / -hh:mm offset (space allowed instead of T). No offset means UTC.
std::optional<int64_t> ParseIso8601(std::string_view text);

// Sun, 06 Nov 1994 08:49:37 GMT, for HTTP headers.
std::string FormatHttpDate(int64_t epoch_seconds);

}  // namespace dateline::core
