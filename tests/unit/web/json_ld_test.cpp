#include "web/json_ld.hpp"

#include <gtest/gtest.h>

namespace dateline::web {
namespace {

TEST(JsonLdTest, EscapesForScriptBlocks) {
  EXPECT_EQ(JsonString("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
  EXPECT_EQ(JsonString("</script><!--&"), "\"\\u003c/script\\u003e\\u003c!--\\u0026\"");
  EXPECT_EQ(JsonString("5\xC2\xBD"), "\"5\xC2\xBD\"");
}

TEST(JsonLdTest, MarksPaywalledArticles) {
  articles::Article a;
  a.headline = "H";
  a.access = articles::Access::kSubscribers;
  std::string json = NewsArticleJsonLd(a, "https://x/articles/h", "Site");
  EXPECT_NE(json.find("\"isAccessibleForFree\":false"), std::string::npos);
  a.access = articles::Access::kFree;
  EXPECT_NE(NewsArticleJsonLd(a, "u", "Site").find("\"isAccessibleForFree\":true"),
            std::string::npos);
}

}  // namespace
}  // namespace dateline::web
