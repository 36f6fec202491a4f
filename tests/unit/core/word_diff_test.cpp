#include "core/word_diff.hpp"

#include <gtest/gtest.h>

#include <random>

namespace dateline::core {
namespace {

std::string Join(const std::vector<DiffPiece>& pieces, DiffPiece::Kind skip) {
  std::string out;
  for (const auto& p : pieces) {
    if (p.kind != skip) out += p.text;
  }
  return out;
}

std::vector<std::string> BareWords(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ' || c == '\n') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

TEST(WordDiffTest, MarksTheWordsThatChanged) {
  auto d =
      WordDiff("The talks ended on Friday in Geneva.", "The talks ended on Saturday in Geneva.");
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].kind, DiffPiece::kSame);
  EXPECT_EQ(d[0].text, "The talks ended on ");
  EXPECT_EQ(d[1].kind, DiffPiece::kRemoved);
  EXPECT_EQ(d[1].text, "Friday ");
  EXPECT_EQ(d[2].kind, DiffPiece::kAdded);
  EXPECT_EQ(d[2].text, "Saturday ");
  EXPECT_EQ(d[3].text, "in Geneva.");
  EXPECT_TRUE(WordDiff("", "").empty());
  EXPECT_EQ(WordDiff("", "New text")[0].kind, DiffPiece::kAdded);
}

// Kept and added pieces spell the new text exactly; kept and removed pieces hold the old
// text's words in order. Checked on random edits, small and over the exact limit.
TEST(WordDiffTest, EitherSideCanBeReadBackFromTheDiff) {
  std::mt19937 rng(7);
  const char* vocabulary[] = {"a", "b", "c", "talks", "truce", "Geneva", "Lavrov", "Kerry"};
  for (int round = 0; round < 400; ++round) {
    auto text = [&](int n) {
      std::string t;
      for (int i = 0; i < n; ++i) {
        t += vocabulary[rng() % 8];
        t += rng() % 5 == 0 ? "\n\n" : " ";
      }
      return t;
    };
    std::string before = text(static_cast<int>(rng() % 40));
    std::string after = text(static_cast<int>(rng() % 40));
    for (size_t cells : {size_t{4'000'000}, size_t{10}}) {
      auto d = WordDiff(before, after, cells);
      EXPECT_EQ(Join(d, DiffPiece::kRemoved), after);
      EXPECT_EQ(BareWords(Join(d, DiffPiece::kAdded)), BareWords(before));
    }
  }
}

}  // namespace
}  // namespace dateline::core
