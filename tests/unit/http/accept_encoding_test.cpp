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
    r.compressed.gzip = std::make_shared<const std::string>("zipped");
    r.headers = {{"ETag", "\"abc\""}, {"Vary", "Cookie"}};
    return r;
  };
  Request accepts;
  accepts.headers = {{"accept-encoding", "gzip, deflate"}};
  Response r = make();
  ChooseEncoding(accepts, r);
  EXPECT_EQ(r.Body(), "zipped");
  EXPECT_EQ(r.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(r.Header("ETag"), "\"abc-gz\"");
  EXPECT_EQ(r.Header("Vary"), "Cookie, Accept-Encoding");
  EXPECT_FALSE(r.compressed.any());

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

TEST(AcceptEncodingTest, QualitiesAreReadInThousandths) {
  EXPECT_EQ(EncodingQuality("br", "br"), 1000);
  EXPECT_EQ(EncodingQuality("gzip;q=0.5, br;q=0.25", "br"), 250);
  EXPECT_EQ(EncodingQuality("gzip;q=0.5, br;q=0.25", "gzip"), 500);
  EXPECT_EQ(EncodingQuality("x-gzip;q=0.7", "gzip"), 700);
  EXPECT_EQ(EncodingQuality("*;q=0.1", "br"), 100);
  EXPECT_EQ(EncodingQuality("br;q=0, *", "br"), 0);
  EXPECT_EQ(EncodingQuality("gzip", "br"), 0);
  EXPECT_EQ(EncodingQuality("br;q=0.05", "br"), 50);
  EXPECT_EQ(EncodingQuality("br;q=1.0", "br"), 1000);
  EXPECT_EQ(EncodingQuality("br;q=1.1", "br"), 0);
}

TEST(AcceptEncodingTest, BrotliWhenPreferredOrTiedAndGzipWhenPreferred) {
  auto send = [](const char* accept) {
    Response r;
    r.shared_body = std::make_shared<const std::string>("plain");
    r.compressed.gzip = std::make_shared<const std::string>("zipped");
    r.compressed.brotli = std::make_shared<const std::string>("brotli");
    r.headers = {{"ETag", "\"abc\""}};
    Request q;
    q.headers = {{"accept-encoding", accept}};
    ChooseEncoding(q, r);
    return std::string(r.Body()) + " " + std::string(r.Header("Content-Encoding")) + " " +
           std::string(r.Header("ETag"));
  };
  EXPECT_EQ(send("gzip, deflate, br"), "brotli br \"abc-br\"");
  EXPECT_EQ(send("br;q=0.9, gzip"), "zipped gzip \"abc-gz\"");
  EXPECT_EQ(send("br, gzip;q=0.9"), "brotli br \"abc-br\"");
  EXPECT_EQ(send("br;q=0, gzip"), "zipped gzip \"abc-gz\"");
  EXPECT_EQ(send("deflate"), "plain  \"abc\"");

  // A twin that was not worth making is never chosen.
  Response only_gzip;
  only_gzip.shared_body = std::make_shared<const std::string>("plain");
  only_gzip.compressed.gzip = std::make_shared<const std::string>("zipped");
  Request br;
  br.headers = {{"accept-encoding", "br"}};
  ChooseEncoding(br, only_gzip);
  EXPECT_EQ(only_gzip.Body(), "plain");
}

}  // namespace
}  // namespace dateline::http
