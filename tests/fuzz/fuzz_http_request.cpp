// The HTTP request as the server reads it: bytes arriving in pieces into a bounded buffer,
// parsed request after request (pipelining), then the request-target. Nothing may throw,
// crash, or grow past the limits.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "http/request_parser.hpp"
#include "http/request_target.hpp"

using namespace dateline::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks how the input is cut into reads.
  size_t step = 1 + data[0] % 64;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  ParseLimits limits{1024, 4096, 512};
  std::string buffer;
  size_t pos = 0;
  for (int requests = 0; requests < 16; ++requests) {
    RequestParser parser(limits);
    while (parser.NeedsMore()) {
      size_t used = parser.Feed(buffer);
      buffer.erase(0, used);
      if (!parser.NeedsMore()) break;
      if (buffer.size() >= parser.BufferLimit()) {
        parser.FailBufferFull();
        break;
      }
      if (pos >= input.size()) return 0;  // the client went quiet
      size_t n = std::min({step, input.size() - pos, parser.BufferLimit() - buffer.size()});
      buffer.append(input.substr(pos, n));
      pos += n;
    }
    if (parser.ErrorStatus() != 0) {
      if (parser.ErrorStatus() < 400 || parser.ErrorStatus() > 501) std::abort();
      return 0;
    }
    Request& r = parser.request();
    if (r.body.size() > limits.max_body_bytes) std::abort();
    if (auto target = ParseRequestTarget(r.target)) {
      if (target->path.empty() || target->path[0] != '/') std::abort();
    }
    (void)parser.KeepAlive();
    (void)parser.ExpectsContinue();
  }
  return 0;
}
