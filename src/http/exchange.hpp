#pragma once
// What the server does to a request and its answer around the handler, apart from the
// socket: completing the request (its path, its client behind trusted proxies, its id),
// conditional and partial answers (304, 206), and the access log line. Kept out of
// server.cpp, the one file that includes Asio and Beast, so that it stays about
// connections and so these are testable alone.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/client_address.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace dateline::http {

// The Date header's value, formatted once per second per thread.
const std::string& CurrentHttpDate();

// 16 random hex digits: unique enough across nodes and restarts to find one request's
// lines among millions.
std::string NewRequestId();
// Whether an id a trusted proxy passes on (nginx's $request_id) is short and plain.
bool UsableRequestId(std::string_view id);

// Whether an If-None-Match header value lists this entity tag (weak comparison).
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

// Fills what the parser leaves: path and query from the target (origin form, or absolute
// form as RFC 9112 §3.2.2 requires servers to accept), the client address, the request
// id. False when the target is not one we can read.
bool CompleteRequest(Request& out, const std::string& peer, const TrustedProxies& proxies);

// After the handler: the compressed twin the client prefers, the request id, a 304 for a
// matching If-None-Match (then `head` becomes true: no body), and a 206 for a range.
void FinishAnswer(const Request& request, Response& response, bool& head);

// One line per answered request: as text, "client "METHOD target" status bytes time"; in
// JSON the same as fields. Query values never appear (LoggableTarget). `micros` below
// zero: a stream that closed.
void LogAccess(const Request& request, int status, size_t bytes, int64_t micros);

}  // namespace dateline::http
