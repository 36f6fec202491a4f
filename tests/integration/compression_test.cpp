// Compressed answers: a cached page, a feed and a static file go in brotli or gzip to a
// client that accepts them (made once, when cached), under their own ETags and with Vary,
// and as they are to one that does not; each twin holds exactly the plain bytes.

#include <gtest/gtest.h>

#include "core/brotli.hpp"
#include "core/gzip.hpp"
#include "harness.hpp"
#include "shared_server.hpp"

namespace dateline::testing {
namespace {

class CompressionTest : public SharedServerTest<CompressionTest> {
 protected:
  static HttpResponse Get(const std::string& path, const std::vector<std::string>& headers) {
    auto r = Fetch(port(), "GET", path, headers);
    EXPECT_TRUE(r.has_value()) << path;
    return r ? *r : HttpResponse{};
  }
};

TEST_F(CompressionTest, CachedPagesFeedsAndStaticFilesGoCompressedToWhoAcceptsIt) {
  // The front page's stylesheet, as the page links it.
  auto front = Get("/", {});
  size_t css_at = front.body.find("/static/css/");
  ASSERT_NE(css_at, std::string::npos);
  std::string css = front.body.substr(css_at, front.body.find('"', css_at) - css_at);
  for (const std::string& path :
       std::vector<std::string>{"/", "/articles/kerry-lavrov-syria-truce", "/feed.xml", css}) {
    SCOPED_TRACE(path);
    auto plain = Get(path, {});
    auto zipped = Get(path, {"Accept-Encoding: gzip, deflate"});
    ASSERT_EQ(plain.status, 200);
    ASSERT_EQ(zipped.status, 200);
    EXPECT_EQ(plain.Header("content-encoding"), "");
    EXPECT_EQ(zipped.Header("content-encoding"), "gzip");
    EXPECT_NE(plain.Header("vary").find("Accept-Encoding"), std::string::npos);
    EXPECT_NE(zipped.Header("vary").find("Accept-Encoding"), std::string::npos);
    EXPECT_LT(zipped.body.size(), plain.body.size() / 2);
    EXPECT_EQ(zipped.Header("content-length"), std::to_string(zipped.body.size()));
    EXPECT_EQ(core::Gunzip(zipped.body), plain.body);
    // Each has its ETag, and each revalidates to a 304.
    std::string plain_tag = plain.Header("etag"), zipped_tag = zipped.Header("etag");
    ASSERT_FALSE(zipped_tag.empty());
    EXPECT_NE(plain_tag, zipped_tag);
    EXPECT_EQ(Get(path, {"Accept-Encoding: gzip", "If-None-Match: " + zipped_tag}).status, 304);
    EXPECT_EQ(Get(path, {"If-None-Match: " + plain_tag}).status, 304);
    EXPECT_EQ(Get(path, {"If-None-Match: " + zipped_tag}).status, 200)
        << "the gzip ETag does not name the plain bytes";
    // Brotli, smaller still, to a browser that lists it (they all do, over HTTPS), unless
    // it prefers gzip.
    auto brotli = Get(path, {"Accept-Encoding: gzip, deflate, br"});
    EXPECT_EQ(brotli.Header("content-encoding"), "br");
    EXPECT_LT(brotli.body.size(), zipped.body.size());
    EXPECT_EQ(core::Unbrotli(brotli.body), plain.body);
    std::string brotli_tag = brotli.Header("etag");
    EXPECT_TRUE(brotli_tag != plain_tag && brotli_tag != zipped_tag) << brotli_tag;
    EXPECT_EQ(Get(path, {"Accept-Encoding: br", "If-None-Match: " + brotli_tag}).status, 304);
    EXPECT_EQ(Get(path, {"Accept-Encoding: br;q=0.5, gzip"}).Header("content-encoding"), "gzip");
    // Refused codings, or other codings only: the plain bytes.
    for (const char* refusing : {"Accept-Encoding: gzip;q=0", "Accept-Encoding: deflate",
                                 "Accept-Encoding: br;q=0, gzip;q=0", "Accept-Encoding: identity",
                                 "Accept-Encoding: *;q=0"}) {
      auto r = Get(path, {refusing});
      EXPECT_EQ(r.Header("content-encoding"), "") << refusing;
      EXPECT_EQ(r.body, plain.body) << refusing;
    }
  }
  // A static file answers a range of its bytes; a page does not offer ranges.
  auto whole = Get(css, {});
  EXPECT_EQ(whole.Header("accept-ranges"), "bytes");
  auto part = Get(css, {"Range: bytes=10-19"});
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, whole.body.substr(10, 10));
  EXPECT_EQ(part.Header("content-range"), "bytes 10-19/" + std::to_string(whole.body.size()));
  auto page = Get("/", {"Range: bytes=0-9"});
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("accept-ranges"), "");
  // The cached page still varies by session cookie too.
  EXPECT_EQ(Get("/", {"Accept-Encoding: gzip"}).Header("vary"), "Cookie, Accept-Encoding");
  // A 404 is not compressed.
  EXPECT_EQ(Get("/articles/no-such-story", {"Accept-Encoding: gzip"}).Header("content-encoding"),
            "");
}

}  // namespace
}  // namespace dateline::testing
