#pragma once
// A word-level diff of two texts, for comparing revisions: which words were kept, removed
// and added, in reading order. Words are runs of non-space characters; the space between
// them travels with the word before it, so joining the pieces gives back each text.

#include <string>
#include <string_view>
#include <vector>

namespace dateline::core {

struct DiffPiece {
  enum Kind { kSame, kRemoved, kAdded } kind;
  std::string text;
};

// Longest common subsequence over words after trimming the common start and end; when
// what remains is too large for that (over `max_cells` word pairs), the middle is shown as
// removed then added, which is still correct, only less precise.
std::vector<DiffPiece> WordDiff(std::string_view before, std::string_view after,
                                size_t max_cells = 4'000'000);

}  // namespace dateline::core
