#pragma once
// Real pages for 400, 404, 405, 408, 410, 413, 431, 500 and 503, in the site layout. They never
// show internal details; the log has those.

#include "core/result.hpp"
#include "http/response.hpp"
#include "web/kit/kit.hpp"

namespace dateline::web {

// The one mapping from a domain error code to an HTTP status: 400 invalid, 401 not signed
// in, 403 not allowed, 404, 409 for already-exists and conflicts, 429, 503, 500 else.
int HttpStatusFor(core::ErrorCode code);

// What the reader is told about an error: its reader sentence, or a generic sentence for
// its code. Never the operator's message.
std::string ReaderSentence(const core::Error& error);

http::Response ErrorPage(const Kit& ctx, int status);

// The page for a failed service call, with the status HttpStatusFor gives; server-side
// failures are logged with the operator's message.
http::Response ErrorPageFor(const Kit& ctx, const core::Error& error);

}  // namespace dateline::web
