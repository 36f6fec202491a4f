#include "core/text.hpp"

#include <gtest/gtest.h>

namespace dateline::core {
namespace {

TEST(TextTest, Utf8Validation) {
  struct Case {
    std::string text;
    size_t error_at;
  } cases[] = {
      {"plain", std::string_view::npos},
      {"Syria\xE2\x80\x99s 5\xC2\xBD-year \xE2\x80\x94 \xF0\x9F\x93\xB0", std::string_view::npos},
      {"bad \xFF byte", 4},
      {"overlong \xC0\xAF", 9},
      {"surrogate \xED\xA0\x80", 10},
      {"truncated \xE2\x80", 10},
      {"too big \xF4\x90\x80\x80", 8},
  };
  for (const auto& c : cases) EXPECT_EQ(Utf8ErrorOffset(c.text), c.error_at) << c.text;
}

TEST(TextTest, Slugs) {
  EXPECT_EQ(Slugify("Kerry, Lavrov report progress toward renewing Syria truce"),
            "kerry-lavrov-report-progress-toward-renewing-syria-truce");
  EXPECT_EQ(Slugify("  Here's why: 5½ years — gone!  "), "heres-why-5-years-gone");
  // Long headlines end at a word, never in the middle of one.
  std::string slug = Slugify(
      "Kerry and Lavrov report significant progress toward renewing the Syria truce after "
      "marathon talks in Geneva");
  EXPECT_LE(slug.size(), 80u);
  EXPECT_EQ(slug, "kerry-and-lavrov-report-significant-progress-toward-renewing-the-syria-truce");
  EXPECT_TRUE(IsValidSlug("kerry-lavrov-syria-truce"));
  for (const char* bad : {"", "-a", "a-", "a--b", "A", "a b", "a/b", "../x"}) {
    EXPECT_FALSE(IsValidSlug(bad)) << bad;
  }
  EXPECT_FALSE(IsValidSlug(std::string(101, 'a')));
}

TEST(TextTest, TrimAndCount) {
  EXPECT_EQ(Trim("  a b \r\n"), "a b");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_EQ(CodePointCount("5\xC2\xBD\xE2\x80\x94"), 3u);
  EXPECT_EQ(ContentHash("a"), ContentHash("a"));
  EXPECT_NE(ContentHash("a"), ContentHash("b"));
}

}  // namespace
}  // namespace dateline::core

namespace dateline::core {
namespace {

TEST(TextTest, ControlAndInvisibleCharactersAreFound) {
  EXPECT_FALSE(HasInvisibleOrControl("Ann Reader"));
  EXPECT_FALSE(HasInvisibleOrControl("Zoë Ōtani — حسن שלום"));
  for (const char* bad : {"tab\there", "bell\x07", "del\x7f", "c1\xc2\x85",
                          "\xe2\x80\xae"
                          "reversed",               // U+202E right-to-left override
                          "iso\xe2\x81\xa6late",    // U+2066 left-to-right isolate
                          "zero\xe2\x80\x8bwidth",  // U+200B
                          "mark\xe2\x80\x8f",       // U+200F right-to-left mark
                          "line\xe2\x80\xa8sep",    // U+2028
                          "\xef\xbb\xbf"
                          "bom",  // U+FEFF
                          "soft\xc2\xad"
                          "hyphen"}) {  // U+00AD
    EXPECT_TRUE(HasInvisibleOrControl(bad)) << bad;
  }
}

}  // namespace
}  // namespace dateline::core

namespace dateline::core {
namespace {

TEST(TextTest, WholeWordsOnly) {
  EXPECT_TRUE(ContainsWords("the talks did not end", "not"));
  EXPECT_FALSE(ContainsWords("nothing was agreed", "not"));
  EXPECT_FALSE(ContainsWords("a knot", "not"));
  EXPECT_TRUE(ContainsWords("peace talks, at last", "peace talks"));
  EXPECT_TRUE(ContainsWords("(geneva)", "geneva"));
  EXPECT_FALSE(ContainsWords("genevan", "geneva"));
  EXPECT_TRUE(ContainsWords("5½-year conflict", "5½-year"));
  EXPECT_FALSE(ContainsWords("", "a"));
}

}  // namespace
}  // namespace dateline::core
