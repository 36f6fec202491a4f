#include "http/request_parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace dateline::http {
namespace {

// Feeds `bytes` as a server reads them: `step` bytes at a time into a buffer that keeps
// what the parser has not used. Returns the parser for inspection.
void FeedInSteps(RequestParser& parser, std::string_view bytes, size_t step) {
  std::string buffer;
  size_t pos = 0;
  while (parser.NeedsMore()) {
    buffer.erase(0, parser.Feed(buffer));
    if (!parser.NeedsMore() || pos >= bytes.size()) break;
    size_t n = std::min(step, bytes.size() - pos);
    buffer.append(bytes.substr(pos, n));
    pos += n;
  }
}

// A chunked body whose last chunk and trailers arrive a byte at a time: Beast asks for
// more after "0\r\n" and, resumed with fewer than five bytes, trips its own assertion in
// checked builds (found by the fuzzer). Every cut point must give the same request.
TEST(RequestParserTest, ChunkedBodiesParseTheSameHoweverTheBytesArrive) {
  const std::string request =
      "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n0\r\nX-Trailer: dropped\r\n\r\n";
  const std::string bare_end =
      "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
  for (size_t step = 1; step <= 8; ++step) {
    RequestParser parser({1024, 4096, 512});
    FeedInSteps(parser, request, step);
    ASSERT_FALSE(parser.NeedsMore()) << "step " << step;
    EXPECT_EQ(parser.ErrorStatus(), 0) << "step " << step;
    EXPECT_EQ(parser.request().body, "hello") << "step " << step;
    RequestParser empty({1024, 4096, 512});
    FeedInSteps(empty, bare_end, step);
    ASSERT_FALSE(empty.NeedsMore()) << "step " << step;
    EXPECT_EQ(empty.ErrorStatus(), 0);
    EXPECT_EQ(empty.request().body, "");
  }
}

}  // namespace
}  // namespace dateline::http
