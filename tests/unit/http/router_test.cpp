#include "http/router.hpp"

#include <gtest/gtest.h>

namespace dateline::http {
namespace {

Handler Named(std::string name) {
  return [name](const Request&) { return Response::Text(200, name); };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Method::kGet, "/", Named("front"));
    router_.Add(Method::kGet, "/articles/{slug}", Named("article"));
    router_.Add(Method::kGet, "/articles/new", Named("new-form"));
    router_.Add(Method::kPost, "/articles/new", Named("new-post"));
    router_.Add(Method::kGet, "/a/{x}/b/{y}", Named("two"));
    router_.AddPrefix(Method::kGet, "/static/", Named("static"));
  }
  std::string Call(Method m, const std::string& path) {
    auto match = router_.Match(m, path);
    if (match.kind != RouteMatch::Kind::kFound) return "";
    return (*match.handler)(Request{}).body;
  }
  Router router_;
};

TEST_F(RouterTest, MatchesTable) {
  struct Case {
    Method method;
    const char* path;
    const char* handler;  // "" when nothing matches
  } cases[] = {
      {Method::kGet, "/", "front"},
      {Method::kGet, "/articles/kerry", "article"},
      {Method::kGet, "/articles/new", "new-form"},  // literal beats parameter
      {Method::kPost, "/articles/new", "new-post"},
      {Method::kGet, "/a/1/b/2", "two"},
      {Method::kGet, "/static/css/site.css", "static"},
      {Method::kHead, "/articles/kerry", "article"},  // HEAD falls back to GET
      {Method::kGet, "/articles/", ""},               // empty parameter
      {Method::kGet, "/articles/x/y", ""},
      {Method::kGet, "/static/", ""},
      {Method::kGet, "/nope", ""},
      {Method::kGet, "", ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Call(c.method, c.path), c.handler) << c.path;
  }
}

TEST_F(RouterTest, CapturesParameters) {
  auto m = router_.Match(Method::kGet, "/a/one/b/two");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  ASSERT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params[0], (std::pair<std::string, std::string>{"x", "one"}));
  EXPECT_EQ(m.params[1], (std::pair<std::string, std::string>{"y", "two"}));
}

TEST_F(RouterTest, WrongMethodListsAllowed) {
  auto m = router_.Match(Method::kDelete, "/articles/new");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allow, "GET, HEAD, POST");
  auto front = router_.Match(Method::kPost, "/");
  EXPECT_EQ(front.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(front.allow, "GET, HEAD");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  EXPECT_EQ(router_.Match(Method::kPost, "/missing").kind, RouteMatch::Kind::kNotFound);
}

// Each route says where it runs; HEAD runs where its GET does.
TEST(RouterLaneTest, EachRouteCarriesItsLane) {
  Router router;
  router.Add(Method::kGet, "/cached", Named("cached"), Lane::kInline);
  router.Add(Method::kPost, "/login", Named("login"), Lane::kHashing);
  router.Add(Method::kGet, "/login", Named("form"));
  router.AddPrefix(Method::kGet, "/static/", Named("static"), Lane::kInline);
  EXPECT_EQ(router.Match(Method::kGet, "/cached").lane, Lane::kInline);
  EXPECT_EQ(router.Match(Method::kHead, "/cached").lane, Lane::kInline);
  EXPECT_EQ(router.Match(Method::kPost, "/login").lane, Lane::kHashing);
  EXPECT_EQ(router.Match(Method::kGet, "/login").lane, Lane::kWorkers);
  EXPECT_EQ(router.Match(Method::kGet, "/static/site.css").lane, Lane::kInline);
}

}  // namespace
}  // namespace dateline::http
