#pragma once
// Reading Accept-Encoding (RFC 9110, 12.5.3) for the one question we ask of it: which of an
// answer's compressed twins (brotli, gzip) may this client have?

#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace dateline::http {

// How much the client wants `coding` (lower case: "gzip", "br"), in thousandths: 1000 when
// listed without a quality, 0 when refused or not listed (unless "*" allows it).
int EncodingQuality(std::string_view accept_encoding, std::string_view coding);

// True when `accept_encoding` lists gzip (or x-gzip, or "*" without gzip refused) with a
// quality above zero. Malformed parts are ignored; an absent header means no.
bool AcceptsGzip(std::string_view accept_encoding);

// For an answer that carries compressed twins: says it varies by Accept-Encoding, and sends
// the twin the request prefers (brotli on a tie; Content-Encoding and its own ETag) when it
// accepts either.
void ChooseEncoding(const Request& request, Response& response);

}  // namespace dateline::http
