#include "core/word_diff.hpp"

#include <algorithm>
#include <cstdint>

namespace dateline::core {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Each word with the blanks that follow it.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    while (i < text.size() && IsSpace(text[i])) ++i;
    words.push_back(text.substr(start, i - start));
  }
  return words;
}

// The word without its trailing blanks: "end.\n\n" and "end. " are the same word.
std::string_view Bare(std::string_view w) {
  while (!w.empty() && IsSpace(w.back())) w.remove_suffix(1);
  return w;
}

void Append(std::vector<DiffPiece>& out, DiffPiece::Kind kind, std::string_view text) {
  if (text.empty()) return;
  if (!out.empty() && out.back().kind == kind) {
    out.back().text.append(text);
  } else {
    out.push_back({kind, std::string(text)});
  }
}

}  // namespace

std::vector<DiffPiece> WordDiff(std::string_view before, std::string_view after, size_t max_cells) {
  std::vector<std::string_view> a = Words(before), b = Words(after);
  size_t head = 0;
  while (head < a.size() && head < b.size() && Bare(a[head]) == Bare(b[head])) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         Bare(a[a.size() - 1 - tail]) == Bare(b[b.size() - 1 - tail])) {
    ++tail;
  }
  std::vector<DiffPiece> out;
  for (size_t i = 0; i < head; ++i) Append(out, DiffPiece::kSame, b[i]);
  size_t n = a.size() - head - tail, m = b.size() - head - tail;
  if (n != 0 && m != 0 && n * m <= max_cells) {
    // lcs[i][j]: the common length of a[head+i..] and b[head+j..].
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = Bare(a[head + i]) == Bare(b[head + j]) ? at(i + 1, j + 1) + 1
                                                          : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    size_t i = 0, j = 0;
    while (i < n && j < m) {
      if (Bare(a[head + i]) == Bare(b[head + j])) {
        Append(out, DiffPiece::kSame, b[head + j]);
        ++i;
        ++j;
      } else if (at(i + 1, j) >= at(i, j + 1)) {
        Append(out, DiffPiece::kRemoved, a[head + i++]);
      } else {
        Append(out, DiffPiece::kAdded, b[head + j++]);
      }
    }
    for (; i < n; ++i) Append(out, DiffPiece::kRemoved, a[head + i]);
    for (; j < m; ++j) Append(out, DiffPiece::kAdded, b[head + j]);
  } else {
    for (size_t i = 0; i < n; ++i) Append(out, DiffPiece::kRemoved, a[head + i]);
    for (size_t j = 0; j < m; ++j) Append(out, DiffPiece::kAdded, b[head + j]);
  }
  for (size_t k = b.size() - tail; k < b.size(); ++k) Append(out, DiffPiece::kSame, b[k]);
  return out;
}

}  // namespace dateline::core
