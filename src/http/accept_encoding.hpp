#pragma once
// Reading Accept-Encoding (RFC 9110, 12.5.3) for the one question we ask of it: may this
// answer be sent gzipped?

#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace dateline::http {

// True when `accept_encoding` lists gzip (or x-gzip, or "*" without gzip refused) with a
// quality above zero. Malformed parts are ignored; an absent header means no.
bool AcceptsGzip(std::string_view accept_encoding);

// For an answer that carries a gzipped twin: says it varies by Accept-Encoding, and sends
// the twin (Content-Encoding: gzip, its own ETag) when the request accepts gzip.
void ChooseEncoding(const Request& request, Response& response);

}  // namespace dateline::http
