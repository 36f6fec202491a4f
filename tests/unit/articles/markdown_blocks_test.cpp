// The cut the paywall makes: examples, then a property over generated Markdown of every
// block kind and every blank-line spelling. The oracle is cmark's own parse of the whole
// document: a marker word belongs to the block whose text holds it, and no marker of a
// block after the cut may appear in the free part, in its HTML, or in its excerpt.

#include "articles/markdown_blocks.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "articles/markdown.hpp"
#include "articles/paywall.hpp"

namespace dateline::articles {
namespace {

TEST(MarkdownBlocksTest, CutsBetweenBlocksWhateverTheBlankLinesHold) {
  // Blank lines made of spaces, tabs, or CR line ends: each still separates paragraphs.
  for (std::string gap :
       {"\n\n", "\n \n", "\n\t\n", "\n  \t  \n", "\r\n\r\n", "\r\r", "\r\n \r\n"}) {
    std::string body =
        "One is free." + gap + "Two is free." + gap + "SECRET three." + gap + "SECRET four.";
    std::string free = FreePortion(body, 2);
    EXPECT_NE(free.find("Two is free."), std::string::npos) << testing::PrintToString(gap);
    EXPECT_EQ(free.find("SECRET"), std::string::npos) << testing::PrintToString(gap);
  }
}

TEST(MarkdownBlocksTest, NeverSplitsABlock) {
  std::string body = "Lead.\n\n```\ncode\n\nstill code\n```\n\nHidden.\n";
  EXPECT_EQ(FreePortion(body, 2), "Lead.\n\n```\ncode\n\nstill code\n```\n");
  EXPECT_EQ(FreePortion(body, 1), "Lead.\n");
  EXPECT_EQ(FreePortion(body, 0), "");
  EXPECT_EQ(FreePortion(body, 9), body);
  // A list with loose items is one block.
  std::string list = "- a\n\n- b\n\n- c\n\nAfter.\n";
  EXPECT_EQ(FreePortion(list, 1), "- a\n\n- b\n\n- c\n");
}

TEST(MarkdownBlocksTest, ExcerptsAndSnippetsComeFromBlocks) {
  std::string body = "# Heading\n \nFirst *para*\ngraph.\n\t\nSecond `one` here.\n";
  EXPECT_EQ(FirstParagraphText(body), "First para graph.");
  EXPECT_EQ(BlockTextContaining(body, "one here"), "Second one here.");
  EXPECT_EQ(BlockTextContaining(body, "absent"), "");
}

// --- the property ---

// Lines as CommonMark counts them: ended by "\n", "\r\n" or a lone "\r".
std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> lines(1);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') {
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      lines.emplace_back();
    } else {
      lines.back() += s[i];
    }
  }
  return lines;
}

std::string Marker(int i) { return "Zq" + std::to_string(i) + "x"; }

// One block of a random kind carrying `marker` in its text.
std::string RandomBlock(std::mt19937& rng, const std::string& m) {
  switch (rng() % 13) {
    case 0:
      return "A paragraph with " + m + " in it\nand a second line.";
    case 1:
      return "## Heading " + m;
    case 2:
      return "Setext " + m + "\n=======";
    case 3:
      return "```\nfenced " + m + "\n\nwith a blank line inside\n```";
    case 4:
      return "~~~ text\ntilde " + m + "\n~~~";
    case 5:
      return "    indented code " + m;
    case 6:
      return "> quoted " + m + "\n> more";
    case 7:
      return "- item " + m + "\n- another";
    case 8:
      return "1. first " + m + "\n2. second";
    case 9:
      return "Text " + m + "  \nwith a hard break";
    case 10:
      return "| a | b |\n|---|---|\n| " + m + " | x |";
    case 11:
      return "<div>\n" + m + "\n</div>";
    default:
      return "Wire copy " + m + " \\\ncontinues";
  }
}

const char* const kGaps[] = {"\n\n", "\n \n",     "\n\t\n", "\n   \t \n", "\r\n\r\n",
                             "\r\r", "\r\n \r\n", "\n\n\n", "\n \t\n\n"};

TEST(MarkdownBlocksTest, NoMarkerOfAHiddenBlockEverReachesTheFreePart) {
  std::mt19937 rng(20261130);
  int checked = 0;
  for (int doc = 0; doc < 3000; ++doc) {
    int n = 2 + static_cast<int>(rng() % 7);
    std::string md;
    for (int i = 0; i < n; ++i) {
      if (i > 0) md += kGaps[rng() % std::size(kGaps)];
      md += RandomBlock(rng, Marker(i));
    }
    if (rng() % 3 == 0) md += kGaps[rng() % std::size(kGaps)];
    // The oracle: which markers each top-level block holds, by the lines cmark says the
    // block spans (HTML blocks included, though safe mode never renders them).
    auto blocks = TopLevelBlocks(md);
    std::vector<std::string> lines = SplitLines(md);
    auto markers_in = [&](int first, int last) {
      std::set<int> found;
      for (int l = first; l <= last && l <= static_cast<int>(lines.size()); ++l)
        for (int i = 0; i < n; ++i)
          if (lines[static_cast<size_t>(l) - 1].find(Marker(i)) != std::string::npos)
            found.insert(i);
      return found;
    };
    std::vector<std::set<int>> owned;
    for (const auto& b : blocks) owned.push_back(markers_in(b.first_line, b.last_line));
    for (int cut = 0; cut <= static_cast<int>(blocks.size()); ++cut) {
      std::set<int> hidden;
      for (size_t k = static_cast<size_t>(cut); k < blocks.size(); ++k)
        hidden.insert(owned[k].begin(), owned[k].end());
      // A marker some kept block also holds is not hidden (lazy lines can merge blocks).
      for (int k = 0; k < cut; ++k)
        for (int i : owned[static_cast<size_t>(k)]) hidden.erase(i);
      std::string free = LeadingBlocks(md, cut);
      std::string html = RenderMarkdown(free);
      std::string excerpt = FirstParagraphText(free);
      for (int i : hidden) {
        ASSERT_EQ(free.find(Marker(i)), std::string::npos)
            << "cut " << cut << " leaks block marker " << i << " of:\n"
            << testing::PrintToString(md);
        ASSERT_EQ(html.find(Marker(i)), std::string::npos) << testing::PrintToString(md);
        ASSERT_EQ(excerpt.find(Marker(i)), std::string::npos) << testing::PrintToString(md);
      }
      // And the cut keeps what it promises: every kept block's markers are there.
      for (int k = 0; k < cut; ++k)
        for (int i : owned[static_cast<size_t>(k)])
          ASSERT_NE(free.find(Marker(i)), std::string::npos) << testing::PrintToString(md);
      ++checked;
    }
  }
  EXPECT_GT(checked, 10000);
}

}  // namespace
}  // namespace dateline::articles
