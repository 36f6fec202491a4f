// What the HTTP layer decides about a request apart from Beast: media types, log lines.

#include "http/request.hpp"

#include <gtest/gtest.h>

namespace dateline::http {
namespace {

TEST(RequestTest, MediaTypesAreCaseInsensitiveAndMayCarryParameters) {
  const char* kForm = "application/x-www-form-urlencoded";
  EXPECT_TRUE(MediaTypeIs("application/x-www-form-urlencoded", kForm));
  EXPECT_TRUE(MediaTypeIs("Application/X-WWW-Form-URLencoded", kForm));
  EXPECT_TRUE(MediaTypeIs("application/x-www-form-urlencoded; charset=UTF-8", kForm));
  EXPECT_TRUE(MediaTypeIs(" APPLICATION/X-WWW-FORM-URLENCODED ;charset=utf-8", kForm));
  EXPECT_FALSE(MediaTypeIs("multipart/form-data; boundary=x", kForm));
  EXPECT_FALSE(MediaTypeIs("application/x-www-form-urlencodedx", kForm));
  EXPECT_FALSE(MediaTypeIs("", kForm));
}

TEST(RequestTest, LoggedTargetsKeepNamesAndDropValues) {
  struct Case {
    const char* target;
    const char* logged;
  } cases[] = {
      {"/articles/x", "/articles/x"},
      {"/verify?token=abc123", "/verify?token=*"},
      {"/search?q=secret+words&page=2", "/search?q=*&page=*"},
      {"/x?flag&&y=", "/x?flag&y=*"},
      {"/x?", "/x?"},
  };
  for (const auto& c : cases) EXPECT_EQ(LoggableTarget(c.target), c.logged) << c.target;
}

}  // namespace
}  // namespace dateline::http
