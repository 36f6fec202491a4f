#include "http/byte_range.hpp"

#include <gtest/gtest.h>

namespace dateline::http {
namespace {

std::string Read(std::string_view header, size_t size) {
  RangeAsked r = ReadRange(header, size);
  if (r.kind == RangeAsked::kWhole) return "whole";
  if (r.kind == RangeAsked::kUnsatisfiable) return "416";
  return std::to_string(r.range.first) + "-" + std::to_string(r.range.last);
}

TEST(ByteRangeTest, OneRangeInEachSpelling) {
  EXPECT_EQ(Read("bytes=0-99", 1000), "0-99");
  EXPECT_EQ(Read("bytes=500-", 1000), "500-999");
  EXPECT_EQ(Read("bytes=-100", 1000), "900-999");
  EXPECT_EQ(Read("bytes=-5000", 1000), "0-999") << "more than there is: all of it";
  EXPECT_EQ(Read("bytes=990-5000", 1000), "990-999") << "cut at the end";
  EXPECT_EQ(Read(" bytes=1-1 ", 1000), "1-1");
}

TEST(ByteRangeTest, PastTheEndIsUnsatisfiable) {
  EXPECT_EQ(Read("bytes=1000-", 1000), "416");
  EXPECT_EQ(Read("bytes=2000-3000", 1000), "416");
  EXPECT_EQ(Read("bytes=-0", 1000), "416");
  EXPECT_EQ(Read("bytes=0-", 0), "416");
}

TEST(ByteRangeTest, AnythingElseMeansTheWholeAnswer) {
  for (const char* ignored :
       {"", "bytes", "bytes=", "items=0-9", "bytes=9-0", "bytes=a-b", "bytes=0-9,20-29",
        "bytes=--1", "bytes=+1-2", "bytes=99999999999999999999-", "bytes=1", "BYTES=0-1"}) {
    EXPECT_EQ(Read(ignored, 1000), "whole") << ignored;
  }
}

Response File() {
  Response r;
  r.shared_body = std::make_shared<const std::string>("0123456789");
  r.ranges = true;
  r.headers = {{"ETag", "\"v1\""}};
  return r;
}

TEST(ByteRangeTest, ApplyRangeSendsThePartUnderItsVersion) {
  Request q;
  q.headers = {{"range", "bytes=2-4"}};
  Response r = File();
  ApplyRange(q, r);
  EXPECT_EQ(r.status, 206);
  EXPECT_EQ(r.Body(), "234");
  EXPECT_EQ(r.Header("Content-Range"), "bytes 2-4/10");
  EXPECT_EQ(r.Header("Accept-Ranges"), "bytes");

  q.headers.emplace_back("if-range", "\"v0\"");
  Response stale = File();
  ApplyRange(q, stale);
  EXPECT_EQ(stale.status, 200);
  EXPECT_EQ(stale.Body(), "0123456789");

  Request past;
  past.headers = {{"range", "bytes=10-"}};
  Response none = File();
  ApplyRange(past, none);
  EXPECT_EQ(none.status, 416);
  EXPECT_EQ(none.Body(), "");
  EXPECT_EQ(none.Header("Content-Range"), "bytes */10");

  Response page = File();  // an answer that does not offer ranges
  page.ranges = false;
  ApplyRange(q, page);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("Accept-Ranges"), "");
}

}  // namespace
}  // namespace dateline::http
