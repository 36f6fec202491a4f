#include "http/accept_encoding.hpp"

#include <gtest/gtest.h>

namespace dateline::http {
namespace {

TEST(AcceptEncodingTest, GzipWhenListedWithAQualityAboveZero) {
  for (const char* yes :
       {"gzip", "gzip, deflate, br", "br;q=1.0, GZIP;q=0.5", "x-gzip", " deflate , gzip ",
        "gzip;q=1", "gzip;q=0.001", "gzip; Q=0.5", "*", "br, *;q=0.1", "gzip;level=1"}) {
    EXPECT_TRUE(AcceptsGzip(yes)) << yes;
  }
  for (const char* no : {"", "identity", "br", "deflate, br", "gzip;q=0", "gzip;q=0.000",
                         "gzip; q=0.0, br", "*;q=0", "gzip;q=0, *", "gzip;q=2", "gzip;q=abc",
                         "gzip;q=1.5", "gzip;q=0.0000", "gzipx", "g zip", ",,,", ";q=1"}) {
    EXPECT_FALSE(AcceptsGzip(no)) << no;
  }
}

TEST(AcceptEncodingTest, AnAnswerWithATwinIsSentGzippedOnlyToWhoAcceptsIt) {
  auto make = [] {
    Response r;
    r.shared_body = std::make_shared<const std::string>("plain");
    r.gzip_body = std::make_shared<const std::string>("zipped");
    r.headers = {{"ETag", "\"abc\""}, {"Vary", "Cookie"}};
    return r;
  };
  Request accepts;
  accepts.headers = {{"accept-encoding", "gzip, br"}};
  Response r = make();
  ChooseEncoding(accepts, r);
  EXPECT_EQ(r.Body(), "zipped");
  EXPECT_EQ(r.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(r.Header("ETag"), "\"abc-gz\"");
  EXPECT_EQ(r.Header("Vary"), "Cookie, Accept-Encoding");
  EXPECT_EQ(r.gzip_body, nullptr);

  Request plain;
  Response p = make();
  ChooseEncoding(plain, p);
  EXPECT_EQ(p.Body(), "plain");
  EXPECT_EQ(p.Header("Content-Encoding"), "");
  EXPECT_EQ(p.Header("ETag"), "\"abc\"");
  EXPECT_EQ(p.Header("Vary"), "Cookie, Accept-Encoding") << "caches must keep both apart";

  Response error = make();
  error.status = 404;
  ChooseEncoding(accepts, error);
  EXPECT_EQ(error.Body(), "plain");

  Response without;  // no twin: untouched
  without.body = "x";
  ChooseEncoding(accepts, without);
  EXPECT_EQ(without.Header("Vary"), "");
  EXPECT_EQ(without.Body(), "x");
}

}  // namespace
}  // namespace dateline::http
