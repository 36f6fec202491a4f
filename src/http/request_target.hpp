#pragma once
// The request-target of a request line, as RFC 9112 §3.2 allows it: origin form
// ("/path?query"), and absolute form ("http://host/path?query"), which a server must
// accept even though only proxies send it. The authority of an absolute form is ignored:
// links are built from the site's configured address, never from what a client names.

#include <optional>
#include <string>
#include <string_view>

namespace dateline::http {

struct RequestTarget {
  std::string path;   // percent-decoded, starting with '/', no NUL
  std::string query;  // raw, without '?'
};

// nullopt for anything else (authority form, asterisk form, bad escapes, NUL bytes).
std::optional<RequestTarget> ParseRequestTarget(std::string_view target);

// A same-site path to return to (after signing in, in a link we send); "/" when `next` is
// anything else (absolute URLs, "//host", backslashes, control characters): no open
// redirect.
std::string SafeNextPath(std::string_view next);

}  // namespace dateline::http
