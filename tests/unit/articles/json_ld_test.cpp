#include "articles/json_ld.hpp"

#include <gtest/gtest.h>

#include "core/json_text.hpp"

namespace dateline::articles {
namespace {

TEST(JsonLdTest, EscapesForScriptBlocks) {
  EXPECT_EQ(core::JsonString("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
  EXPECT_EQ(core::JsonString("</script><!--&"), "\"\\u003c/script\\u003e\\u003c!--\\u0026\"");
  EXPECT_EQ(core::JsonString("5\xC2\xBD"), "\"5\xC2\xBD\"");
}

TEST(JsonLdTest, MarksPaywalledArticles) {
  Article a;
  a.headline = "H";
  a.access = Access::kSubscribers;
  std::string json = NewsArticleJsonLd(a, {"https://x/articles/h", "https://x", "Site"});
  EXPECT_NE(json.find("\"isAccessibleForFree\":false"), std::string::npos);
  a.access = Access::kFree;
  EXPECT_NE(NewsArticleJsonLd(a, {"u", "https://x", "Site"}).find("\"isAccessibleForFree\":true"),
            std::string::npos);
}

TEST(JsonLdTest, CorrectionsAreCorrectionComments) {
  Article a;
  a.headline = "H";
  EXPECT_EQ(NewsArticleJsonLd(a, {"u", "https://x", "Site"}).find("correction"), std::string::npos);
  std::string json =
      NewsArticleJsonLd(a, {"u",
                            "https://x",
                            "Site",
                            {},
                            {{1, 1, CorrectionKind::kCorrection, "The talks were on <Friday>.", 60},
                             {2, 1, CorrectionKind::kClarification, "Lavrov spoke first.", 120}}});
  EXPECT_NE(json.find("\"correction\":[{\"@type\":\"CorrectionComment\",\"text\":\"Correction: "
                      "The talks were on \\u003cFriday\\u003e.\",\"datePublished\":\"1970-01-01T00:"
                      "01:00Z\"},{\"@type\":\"CorrectionComment\",\"text\":\"Clarification: "
                      "Lavrov spoke first.\""),
            std::string::npos)
      << json;
}

TEST(JsonLdTest, AuthorsArePeopleWithTheirPagesAndThePublisherANewsOrganization) {
  Article a;
  a.headline = "H";
  a.byline = "The Associated Press";
  std::string wire = NewsArticleJsonLd(a, {"u", "https://x", "Site"});
  EXPECT_NE(wire.find("\"author\":{\"@type\":\"Organization\",\"name\":\"The Associated Press\"}"),
            std::string::npos)
      << wire;
  EXPECT_NE(wire.find("\"publisher\":{\"@type\":\"NewsMediaOrganization\",\"name\":\"Site\""),
            std::string::npos);
  EXPECT_EQ(wire.find("articleSection"), std::string::npos);
  Placement placed;
  placed.section = Section{1, "world", "World"};
  placed.authors = {{Author{1, "ann-lee", "Ann Lee", "", "Geneva correspondent"}, ""},
                    {Author{2, "bo", "Bo <Chen>"}, "Photographs by"}};
  std::string json = NewsArticleJsonLd(a, {"u", "https://x", "Site", placed});
  EXPECT_NE(json.find("\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\",\"url\":"
                      "\"https://x/author/ann-lee\",\"jobTitle\":\"Geneva correspondent\"},"
                      "{\"@type\":\"Person\",\"name\":\"Bo \\u003cChen\\u003e\""),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"articleSection\":\"World\""), std::string::npos);
}

}  // namespace
}  // namespace dateline::articles
