#include "articles/search_query.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace dateline::articles {
namespace {

bool IsWordByte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u >= 0x80;
}

std::vector<std::string> WordsOf(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !IsWordByte(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && IsWordByte(text[i])) ++i;
    if (i > start) words.push_back(core::AsciiLower(text.substr(start, i - start)));
  }
  return words;
}

// Whether `word` (lowercase) is a form of `term`: equal, or sharing all but a short
// ending (talks/talk, negotiations/negotiated), as the stores' stemmers would.
bool SameStem(std::string_view word, std::string_view term) {
  if (word == term) return true;
  size_t shorter = std::min(word.size(), term.size());
  size_t longer = std::max(word.size(), term.size());
  size_t common = 0;
  while (common < shorter && word[common] == term[common]) ++common;
  return common >= 4 && common + 2 >= shorter && longer - common <= 4;
}

}  // namespace

SearchTerms ParseSearch(std::string_view typed) {
  SearchTerms out;
  size_t i = 0;
  while (i < typed.size() && out.groups.size() < kMaxSearchTerms) {
    if (typed[i] == '"') {
      size_t close = typed.find('"', i + 1);
      std::string_view phrase = typed.substr(
          i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1);
      auto words = WordsOf(phrase);
      if (!words.empty()) out.groups.push_back(std::move(words));
      i = close == std::string_view::npos ? typed.size() : close + 1;
      continue;
    }
    size_t end = i;
    while (end < typed.size() && typed[end] != '"') ++end;
    for (auto& w : WordsOf(typed.substr(i, end - i))) {
      if (out.groups.size() >= kMaxSearchTerms) break;
      out.groups.push_back({std::move(w)});
    }
    i = end;
  }
  return out;
}

std::string Fts5Expression(const SearchTerms& terms) {
  std::string out;
  for (const auto& group : terms.groups) {
    if (!out.empty()) out += ' ';
    out += '"';
    for (size_t k = 0; k < group.size(); ++k) {
      if (k) out += ' ';
      out += group[k];  // letters and digits only: nothing to escape
    }
    out += '"';
  }
  return out;
}

std::string WebsearchText(const SearchTerms& terms) {
  std::string out;
  for (const auto& group : terms.groups) {
    if (!out.empty()) out += ' ';
    if (group.size() > 1) out += '"';
    for (size_t k = 0; k < group.size(); ++k) {
      if (k) out += ' ';
      out += group[k];
    }
    if (group.size() > 1) out += '"';
  }
  return out;
}

std::string HighlightedSnippet(std::string_view text, const SearchTerms& terms, size_t max_bytes) {
  // Every word's place, and whether it matches a term.
  struct Word {
    size_t begin, end;
    bool match;
  };
  std::vector<Word> words;
  size_t first = std::string_view::npos;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && !IsWordByte(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && IsWordByte(text[i])) ++i;
    if (i == start) break;
    std::string lower = core::AsciiLower(text.substr(start, i - start));
    bool match = false;
    for (const auto& group : terms.groups) {
      for (const auto& t : group) match = match || SameStem(lower, t);
    }
    if (match && first == std::string_view::npos) first = start;
    words.push_back({start, i, match});
  }
  if (first == std::string_view::npos) return "";
  // A window starting a little before the first match, on a word's start.
  size_t from = first > max_bytes / 4 ? first - max_bytes / 4 : 0;
  for (const auto& w : words) {
    if (w.begin >= from) {
      from = w.begin;
      break;
    }
  }
  size_t to = std::min(text.size(), from + max_bytes);
  while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) --to;
  std::string out = from > 0 ? "…" : "";
  size_t at = from;
  for (const auto& w : words) {
    if (w.end <= from || !w.match) continue;
    if (w.begin >= to) break;
    out += core::EscapeMarkup(text.substr(at, w.begin - at));
    out += "<mark>" + core::EscapeMarkup(text.substr(w.begin, w.end - w.begin)) + "</mark>";
    at = w.end;
  }
  if (at < to) out += core::EscapeMarkup(text.substr(at, to - at));
  if (to < text.size()) out += "…";
  return out;
}

}  // namespace dateline::articles
