#include <gtest/gtest.h>

#include "http/request_target.hpp"

namespace dateline::http {
namespace {

TEST(SafeNextPathTest, OnlySameSitePaths) {
  struct Case {
    const char* next;
    const char* safe;
  } cases[] = {
      {"/articles/x", "/articles/x"},
      {"/account?done=1", "/account?done=1"},
      {"", "/"},
      {"//evil.example", "/"},
      {"/\\evil.example", "/"},
      {"https://evil.example/", "/"},
      {"javascript:alert(1)", "/"},
      {"/a\r\nLocation: x", "/"},
      {"/caf\xC3\xA9", "/"},
  };
  for (const auto& c : cases) EXPECT_EQ(SafeNextPath(c.next), c.safe) << c.next;
}

}  // namespace
}  // namespace dateline::http
