#include "http/exchange.hpp"

#include <gtest/gtest.h>

namespace dateline::http {
namespace {

TEST(ExchangeTest, EntityTagsMatchWeaklyInAList) {
  EXPECT_TRUE(EtagMatches("\"a\"", "\"a\""));
  EXPECT_TRUE(EtagMatches("\"x\", W/\"a\"", "\"a\""));
  EXPECT_TRUE(EtagMatches("*", "\"a\""));
  EXPECT_TRUE(EtagMatches(" \"a\" ", "W/\"a\""));
  EXPECT_FALSE(EtagMatches("\"b\"", "\"a\""));
  EXPECT_FALSE(EtagMatches("", "\"a\""));
  EXPECT_FALSE(EtagMatches("\"a\"", ""));
}

TEST(ExchangeTest, RequestIdsFromProxiesAreKeptOnlyWhenPlain) {
  EXPECT_TRUE(UsableRequestId("0f3a-b_9.x"));
  EXPECT_FALSE(UsableRequestId(""));
  EXPECT_FALSE(UsableRequestId("has space"));
  EXPECT_FALSE(UsableRequestId(std::string(65, 'a')));
  EXPECT_EQ(NewRequestId().size(), 16u);
  EXPECT_NE(NewRequestId(), NewRequestId());
}

TEST(ExchangeTest, CompletingARequestReadsItsTargetAndClient) {
  auto proxies = TrustedProxies::Parse({"127.0.0.1"});
  ASSERT_TRUE(proxies.ok());
  Request r;
  r.target = "http://example.org/articles/x?page=2";
  r.headers = {{"x-forwarded-for", "203.0.113.9"}, {"x-request-id", "from-nginx-1"}};
  ASSERT_TRUE(CompleteRequest(r, "127.0.0.1", *proxies));
  EXPECT_EQ(r.path, "/articles/x");
  EXPECT_EQ(r.query, "page=2");
  EXPECT_EQ(r.remote_address, "203.0.113.9");
  EXPECT_EQ(r.request_id, "from-nginx-1");
  Request direct;  // not from a trusted proxy: its own id, its own address
  direct.target = "/";
  direct.headers = {{"x-forwarded-for", "203.0.113.9"}, {"x-request-id", "forged"}};
  ASSERT_TRUE(CompleteRequest(direct, "198.51.100.7", *proxies));
  EXPECT_EQ(direct.remote_address, "198.51.100.7");
  EXPECT_NE(direct.request_id, "forged");
  Request bad;
  bad.target = "no-slash";
  EXPECT_FALSE(CompleteRequest(bad, "198.51.100.7", *proxies));
}

TEST(ExchangeTest, FinishingAnAnswerRevalidatesAndCutsRanges) {
  Request q;
  q.request_id = "r1";
  q.headers = {{"if-none-match", "\"v1\""}};
  Response r;
  r.body = "0123456789";
  r.headers = {{"ETag", "\"v1\""}};
  bool head = false;
  FinishAnswer(q, r, head);
  EXPECT_EQ(r.status, 304);
  EXPECT_TRUE(head) << "a 304 carries no body";
  EXPECT_EQ(r.Header("X-Request-Id"), "r1");

  Request part;
  part.headers = {{"range", "bytes=-3"}};
  Response file;
  file.body = "0123456789";
  file.ranges = true;
  bool file_head = false;
  FinishAnswer(part, file, file_head);
  EXPECT_EQ(file.status, 206);
  EXPECT_EQ(file.Body(), "789");
  EXPECT_FALSE(file_head);
}

}  // namespace
}  // namespace dateline::http
