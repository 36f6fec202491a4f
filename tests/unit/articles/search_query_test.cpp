#include "articles/search_query.hpp"

#include <gtest/gtest.h>

namespace dateline::articles {
namespace {

TEST(SearchQueryTest, WordsAndQuotedPhrasesAndNothingElse) {
  auto t = ParseSearch(R"(Kerry "technical  TALKS" geneva)");
  ASSERT_EQ(t.groups.size(), 3u);
  EXPECT_EQ(t.groups[1], (std::vector<std::string>{"technical", "talks"}));
  EXPECT_EQ(Fts5Expression(t), R"("kerry" "technical talks" "geneva")");
  EXPECT_EQ(WebsearchText(t), R"(kerry "technical talks" geneva)");
  // Operators and syntax of either store are plain words or nothing.
  auto hostile = ParseSearch(R"(NOT headline:x* OR NEAR(a b) -c {dek}: ^d "unclosed)");
  EXPECT_EQ(Fts5Expression(hostile),
            R"("not" "headline" "x" "or" "near" "a" "b" "c" "dek" "d" "unclosed")");
  EXPECT_TRUE(ParseSearch(R"( "" ,.; )").empty());
  // Bounded: a long query keeps its first terms.
  std::string many;
  for (int i = 0; i < 100; ++i) many += "w" + std::to_string(i) + " ";
  EXPECT_EQ(ParseSearch(many).groups.size(), kMaxSearchTerms);
}

TEST(SearchQueryTest, SnippetsMarkFormsOfTheWordsAndEscapeTheRest) {
  auto terms = ParseSearch("talks negotiations");
  std::string s = HighlightedSnippet(
      "The <b>ministers</b> said the talks went well. Negotiated terms follow; progress too.",
      terms);
  EXPECT_EQ(s,
            "The &lt;b&gt;ministers&lt;/b&gt; said the <mark>talks</mark> went well. "
            "<mark>Negotiated</mark> terms follow; progress too.");
  EXPECT_EQ(HighlightedSnippet("Nothing here.", terms), "");
  EXPECT_EQ(HighlightedSnippet("A talk.", ParseSearch("talking")), "A <mark>talk</mark>.");
  EXPECT_EQ(HighlightedSnippet("The programme.", ParseSearch("progress")), "");
  // A long text is cut around the first match, on UTF-8 boundaries, with ellipses.
  std::string long_text(600, 'x');
  long_text += " Genève talks ";
  long_text += std::string(600, 'y');
  std::string cut = HighlightedSnippet(long_text, terms, 100);
  EXPECT_NE(cut.find("<mark>talks</mark>"), std::string::npos);
  EXPECT_EQ(cut.rfind("…", 0), 0u);
  EXPECT_LT(cut.size(), 160u);
}

}  // namespace
}  // namespace dateline::articles
