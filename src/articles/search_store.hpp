#pragma once
// Full-text search over stories: SQLite's FTS5 or PostgreSQL's tsvector, the only place
// that writes their SQL (the article_search table and its state). Each story is indexed
// as two texts: what everyone may read (headline, dek, the free part) and the rest. A
// reader is matched against the rest only for stories they may read in full, so no
// search can reveal a paywalled word to someone without access.

#include <optional>
#include <string>
#include <vector>

#include "articles/article.hpp"
#include "articles/search_query.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::articles {

struct SearchDocument {
  std::string headline;
  std::string dek;
  std::string public_text;  // the free part, plain text (all of a free story)
  std::string hidden_text;  // the part behind the paywall, plain text
};

// What is indexed for a story's text, with the paywall's cut after `free_paragraphs`.
SearchDocument SearchDocumentOf(const ArticleDraft& text, int free_paragraphs);

// Replaces story `article_id`'s entry, inside the caller's transaction.
core::Result<void> PutSearchDocument(store::Executor& tx, int64_t article_id,
                                     const SearchDocument& doc);

struct SearchFilter {
  SearchTerms terms;
  std::vector<Access> full_text_for;  // the access levels the reader reads in full
  std::optional<int64_t> section_id;
  std::optional<int64_t> author_id;
  std::optional<int64_t> from;   // published at or after
  std::optional<int64_t> until;  // published before
  bool newest_first = false;     // else by relevance
};

class SearchStore {
 public:
  explicit SearchStore(store::Db& db) : db_(db) {}

  // Ids of live stories matching, best (or newest) first.
  core::Result<std::vector<int64_t>> Find(const SearchFilter& filter, int64_t now, int offset,
                                          int limit);
  core::Result<int64_t> Count(const SearchFilter& filter, int64_t now);

  // The free-part length the index was built with, or nullopt when it was never built
  // (a new store, a copied one): then everything is indexed again.
  core::Result<std::optional<int64_t>> BuiltWith();
  core::Result<void> MarkBuilt(int64_t free_paragraphs, int64_t now);
  // Replaces these stories' entries in one transaction (a rebuild's batch).
  core::Result<void> PutMany(const std::vector<std::pair<int64_t, SearchDocument>>& docs);

 private:
  store::Db& db_;
};

}  // namespace dateline::articles
