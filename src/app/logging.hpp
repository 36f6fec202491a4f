#pragma once
// Where log lines go and how they look: standard error, as text for a terminal
// ("2026-12-01T07:00:00.123Z info [req 3f2a…] message") or as one JSON object per line for
// a log collector ({"time":…,"level":…,"msg":…,"request_id":…} plus the access log's
// fields). Either way every line passes core::RedactSecrets, so a URL's password or a key
// that slips into a message is not written.

#include <string>

namespace dateline::app {

// `format` is "text" or "json" (checked with the configuration).
void SetUpLogging(const std::string& level, const std::string& format);

}  // namespace dateline::app
