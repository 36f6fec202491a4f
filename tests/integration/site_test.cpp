// The site as a reader's browser meets it: pages, UTF-8, links, caching, errors.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "../support/temp_dir.hpp"
#include "harness.hpp"
#include "shared_server.hpp"

namespace dateline::testing {
namespace {

constexpr const char* kDemoPath = "/articles/kerry-lavrov-syria-truce";

// The story paragraphs as the project carries them (content/demo), with the front matter
// removed: what the page must show, byte for byte.
std::vector<std::string> DemoParagraphs() {
  std::ifstream in(SourceDir() + "/content/demo/kerry-lavrov-syria-truce.md");
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  text = text.substr(text.find("---", 3) + 4);
  std::vector<std::string> paras;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\n\n", pos);
    if (end == std::string::npos) end = text.size();
    std::string p = text.substr(pos, end - pos);
    while (!p.empty() && (p.back() == '\n' || p.back() == ' ')) p.pop_back();
    while (!p.empty() && p.front() == '\n') p.erase(0, 1);
    if (!p.empty()) paras.push_back(p);
    pos = end + 2;
  }
  return paras;
}

class SiteTest : public SharedServerTest<SiteTest> {};

TEST_F(SiteTest, ArticlePageCarriesTheWholeStoryInUtf8) {
  auto r = Fetch(port(), "GET", kDemoPath);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r->body.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(r->body.find("Kerry, Lavrov report progress toward renewing Syria truce</h1>"),
            std::string::npos);
  EXPECT_NE(r->body.find("The Associated Press"), std::string::npos);
  EXPECT_NE(r->body.find("<time datetime=\"2016-08-26T19:45:00Z\">"), std::string::npos);
  auto paras = DemoParagraphs();
  ASSERT_EQ(paras.size(), 6u);
  // First paragraph gets the dateline in front, as printed.
  EXPECT_NE(
      r->body.find("<span class=\"dateline\">GENEVA</span> \xE2\x80\x94 " + paras[0] + "</p>"),
      std::string::npos);
  for (size_t i = 1; i < paras.size(); ++i) {
    EXPECT_NE(r->body.find("<p>" + paras[i] + "</p>"), std::string::npos) << paras[i];
  }
  // Typographic quotes, the em dash and the ½ survive as UTF-8 bytes.
  for (const char* mark :
       {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99", "\xE2\x80\x94", "5\xC2\xBD-year"}) {
    EXPECT_NE(r->body.find(mark), std::string::npos) << mark;
  }
}

TEST_F(SiteTest, AnonymousReaderSeesTheSubscriberNoticeWithItsLinks) {
  auto r = Fetch(port(), "GET", kDemoPath);
  ASSERT_TRUE(r);
  EXPECT_NE(
      r->body.find("Only subscribers are eligible to post comments. Please <a href=\"/subscribe\">"
                   "subscribe</a> or <a href=\"/login\">login</a> first for digital access. "
                   "<a href=\"/comments-policy\">Here\xE2\x80\x99s why</a>."),
      std::string::npos);
}

TEST_F(SiteTest, FrontPageListsTheDemoArticle) {
  auto r = Fetch(port(), "GET", "/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find(std::string("href=\"") + kDemoPath + "\""), std::string::npos);
}

TEST_F(SiteTest, CommentsPolicyIsRealContent) {
  auto r = Fetch(port(), "GET", "/comments-policy");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  for (const char* heading : {"Accountability", "Moderation", "Quality of debate"}) {
    EXPECT_NE(r->body.find(heading), std::string::npos) << heading;
  }
}

TEST_F(SiteTest, SecurityHeadersOnEveryResponse) {
  for (const char* path : {"/", kDemoPath, "/no-such-page", "/static/css/site.css", "/healthz"}) {
    auto r = Fetch(port(), "GET", path);
    ASSERT_TRUE(r) << path;
    std::string csp = r->Header("content-security-policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(r->Header("x-content-type-options"), "nosniff") << path;
    EXPECT_FALSE(r->Header("referrer-policy").empty()) << path;
  }
}

TEST_F(SiteTest, PagesHaveNoInlineScriptOrStyle) {
  for (const char* path : {"/", kDemoPath, "/comments-policy", "/missing"}) {
    auto r = Fetch(port(), "GET", path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body.find("<script>"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("<style"), std::string::npos) << path;
    EXPECT_EQ(r->body.find(" style=\""), std::string::npos) << path;
  }
}

TEST_F(SiteTest, UnknownPathsGetARealNotFoundPage) {
  for (const char* path : {"/nope", "/articles/no-such-story", "/articles/%FF%FE",
                           "/articles/..%2F..%2Fetc%2Fpasswd"}) {
    auto r = Fetch(port(), "GET", path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_NE(r->body.find("Page not found"), std::string::npos);
    EXPECT_EQ(r->Header("content-type"), "text/html; charset=utf-8");
  }
}

TEST_F(SiteTest, WrongMethodIs405WithAllow) {
  auto r = Fetch(port(), "POST", kDemoPath, {}, "x=1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->Header("allow"), "GET, HEAD");
  auto del = Fetch(port(), "DELETE", "/");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
}

TEST_F(SiteTest, HeadMatchesGetWithoutBody) {
  auto get = Fetch(port(), "GET", kDemoPath);
  auto head = Fetch(port(), "HEAD", kDemoPath);
  ASSERT_TRUE(get && head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("content-length"), std::to_string(get->body.size()));
  EXPECT_EQ(head->Header("etag"), get->Header("etag"));
  EXPECT_TRUE(head->body.empty());
}

TEST_F(SiteTest, EtagRevalidatesTo304) {
  auto first = Fetch(port(), "GET", kDemoPath);
  ASSERT_TRUE(first);
  std::string etag = first->Header("etag");
  ASSERT_FALSE(etag.empty());
  auto second = Fetch(port(), "GET", kDemoPath, {"If-None-Match: " + etag});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
  auto other = Fetch(port(), "GET", kDemoPath, {"If-None-Match: \"something-else\""});
  EXPECT_EQ(other->status, 200);
}

TEST_F(SiteTest, StaticFilesAreFingerprintedAndConfined) {
  auto page = Fetch(port(), "GET", "/");
  ASSERT_TRUE(page);
  auto at = page->body.find("href=\"/static/css/site.");
  ASSERT_NE(at, std::string::npos);
  std::string url = page->body.substr(at + 6, page->body.find('"', at + 6) - at - 6);
  auto css = Fetch(port(), "GET", url);
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->Header("content-type"), "text/css; charset=utf-8");
  EXPECT_NE(css->Header("cache-control").find("immutable"), std::string::npos);
  auto again = Fetch(port(), "GET", url, {"If-None-Match: " + css->Header("etag")});
  EXPECT_EQ(again->status, 304);
  for (const char* bad : {"/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                          "/static/..%2f..%2fsrc/main.cpp", "/static/css/../../CMakeLists.txt"}) {
    auto r = Fetch(port(), "GET", bad);
    ASSERT_TRUE(r) << bad;
    EXPECT_TRUE(r->status == 404 || r->status == 400) << bad << " " << r->status;
    EXPECT_EQ(r->body.find("root:"), std::string::npos);
  }
}

TEST_F(SiteTest, TrailingSlashRedirectsToTheCanonicalAddress) {
  auto r = Fetch(port(), "GET", std::string(kDemoPath) + "/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 308);
  EXPECT_EQ(r->Header("location"), kDemoPath);
  auto evil = Fetch(port(), "GET", "//evil.example/");
  ASSERT_TRUE(evil);
  EXPECT_EQ(evil->status, 404);
}

TEST_F(SiteTest, KeepAliveAndPipelining) {
  HttpConnection c(port());
  ASSERT_TRUE(c.connected());
  std::string one = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  std::string two = std::string("GET ") + kDemoPath + " HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(c.Send(one + two + "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto a = c.Read();
  auto b = c.Read();
  auto h = c.Read(true);
  ASSERT_TRUE(a && b && h);
  EXPECT_EQ(a->status, 200);
  EXPECT_NE(a->body.find("<title>The Dateline</title>"), std::string::npos);
  EXPECT_NE(b->body.find("Syria truce</h1>"), std::string::npos);
  EXPECT_EQ(h->status, 200);
  ASSERT_TRUE(c.Send(one));  // still open for more
  auto d = c.Read();
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 200);
}

TEST_F(SiteTest, HealthCheck) {
  auto r = Fetch(port(), "GET", "/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "ok\n");
}

}  // namespace
}  // namespace dateline::testing

namespace dateline::testing {
namespace {

// When the store fails under a page, the reader gets the 500 page and no internals.
TEST(StoreFailureTest, BrokenStoreGivesA500PageWithoutDetails) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(site.RunSql("DROP TABLE site_pages").ok());
  auto r = Fetch(server->port(), "GET", "/comments-policy");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_NE(r->body.find("Something went wrong"), std::string::npos);
  for (const char* leak : {"sqlite", "postgres", "SQL", "site_pages", "no such table"}) {
    EXPECT_EQ(r->body.find(leak), std::string::npos) << leak;
  }
  EXPECT_FALSE(r->Header("content-security-policy").empty());
  // The rest of the site keeps working.
  EXPECT_EQ(Fetch(server->port(), "GET", "/articles/kerry-lavrov-syria-truce")->status, 200);
}

}  // namespace
}  // namespace dateline::testing
