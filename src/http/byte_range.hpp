#pragma once
// Range requests (RFC 9110, 14): a client resuming a large download, or a video or audio
// player seeking, asks for bytes a-b of an answer that allows it (Response::ranges). We
// serve one range; a request for several gets the whole answer, as the RFC permits.

#include <cstddef>
#include <optional>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace dateline::http {

struct ByteRange {
  size_t first = 0;
  size_t last = 0;  // inclusive
};

struct RangeAsked {
  enum Kind { kWhole, kPart, kUnsatisfiable } kind = kWhole;
  ByteRange range;
};

// What a Range header asks of `size` bytes: kWhole when absent, malformed, not in bytes,
// or naming several ranges; kUnsatisfiable when its one range starts past the end.
RangeAsked ReadRange(std::string_view range_header, size_t size);

// For a 200 GET answer that allows ranges: says Accept-Ranges, and turns it into a 206
// with the part asked for (or a 416 when none of it exists). If-Range naming another
// version (another ETag, or a date, which we do not compare) gets the whole answer.
void ApplyRange(const Request& request, Response& response);

}  // namespace dateline::http
