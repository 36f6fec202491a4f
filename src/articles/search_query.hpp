#pragma once
// What a reader typed into search, read once into words and quoted phrases, and the two
// things made from it: each store's query text (FTS5's and PostgreSQL's), and the marks
// on a snippet. Nothing the reader types reaches a query parser unquoted: operators,
// column filters and stray quotes are plain text here.

#include <string>
#include <string_view>
#include <vector>

namespace dateline::articles {

struct SearchTerms {
  std::vector<std::vector<std::string>> groups;  // each a word, or a phrase's words
  bool empty() const { return groups.empty(); }
};

inline constexpr size_t kMaxSearchTerms = 12;

// Words are runs of letters and digits (any non-ASCII byte counts as a letter);
// "quoted words" are a phrase. Lowercased (ASCII); at most kMaxSearchTerms groups.
SearchTerms ParseSearch(std::string_view typed);

// FTS5: every group as a quoted string ("a b" is a phrase), all required.
std::string Fts5Expression(const SearchTerms& terms);
// PostgreSQL's websearch_to_tsquery input: words and "phrases", all required.
std::string WebsearchText(const SearchTerms& terms);

// The best passage of `text` (plain text) for the terms: about `max_bytes` around the
// first match, escaped for HTML, with the matched words in <mark>. Words match a term
// when they share its stem closely enough (talks, talk, talking). Empty when nothing
// matches.
std::string HighlightedSnippet(std::string_view text, const SearchTerms& terms,
                               size_t max_bytes = 280);

}  // namespace dateline::articles
