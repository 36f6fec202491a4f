#include "articles/search_store.hpp"

#include <fmt/format.h>

#include "articles/markdown_blocks.hpp"

namespace dateline::articles {
namespace {

// What both dialects filter on: live stories (Article::LiveAt) and the reader's filters.
std::pair<std::string, store::Params> StoryFilter(const SearchFilter& f, int64_t now) {
  std::string where =
      "a.status IN ('scheduled', 'published') AND a.deleted_at IS NULL AND a.published_at <= ?";
  store::Params params{now};
  if (f.section_id) {
    where += " AND a.section_id = ?";
    params.emplace_back(*f.section_id);
  }
  if (f.author_id) {
    where += " AND a.id IN (SELECT article_id FROM article_authors WHERE author_id = ?)";
    params.emplace_back(*f.author_id);
  }
  if (f.from) {
    where += " AND a.published_at >= ?";
    params.emplace_back(*f.from);
  }
  if (f.until) {
    where += " AND a.published_at < ?";
    params.emplace_back(*f.until);
  }
  return {where, params};
}

std::string AccessList(const SearchFilter& f, store::Params& params) {
  for (Access a : f.full_text_for) params.emplace_back(std::string(AccessName(a)));
  return "(" + store::Placeholders(f.full_text_for.size()) + ")";
}

// SQLite: the matching stories' ids (with their bm25, lower is better, when `ranked`):
// the public columns for every story, and all columns for stories the reader reads in
// full. A free story's hidden column is empty, so only other access levels need the
// second match (an anonymous reader's search is one match).
std::pair<std::string, store::Params> SqliteHits(const SearchFilter& f, bool ranked) {
  std::string expr = Fts5Expression(f.terms);
  // Headline matches count most, then the dek, then the text.
  std::string rank = ranked ? ", bm25(article_search, 10.0, 4.0, 1.0, 1.0) AS rank" : "";
  std::string sql =
      "SELECT rowid AS id" + rank + " FROM article_search WHERE article_search MATCH ?";
  store::Params params{"{headline dek public_text} : (" + expr + ")"};
  SearchFilter paywalled = f;
  std::erase(paywalled.full_text_for, Access::kFree);
  if (!paywalled.full_text_for.empty()) {
    sql += " UNION ALL SELECT rowid" + rank +
           " FROM article_search WHERE article_search MATCH ? AND rowid IN (SELECT id FROM "
           "articles WHERE access IN ";
    params.emplace_back(expr);  // every column: words may sit on both sides of the cut
    sql += AccessList(paywalled, params) + ")";
  }
  return {sql, params};
}

// PostgreSQL: the stories whose readable text matches, and the rank of that text.
std::pair<std::string, store::Params> PostgresMatch(const SearchFilter& f) {
  store::Params params{WebsearchText(f.terms)};
  std::string full = "FALSE";
  if (!f.full_text_for.empty()) full = "a.access IN " + AccessList(f, params);
  std::string sql = fmt::format(
      "FROM article_search s JOIN articles a ON a.id = s.article_id, "
      "websearch_to_tsquery('english', ?) q WHERE (s.public_doc @@ q OR ({0} AND "
      "s.full_doc @@ q))",
      full);
  return {sql, params};
}

std::string PostgresRank(const SearchFilter& f, store::Params& params) {
  if (f.full_text_for.empty()) return "ts_rank(s.public_doc, q)";
  return "ts_rank(CASE WHEN a.access IN " + AccessList(f, params) +
         " THEN s.full_doc ELSE s.public_doc END, q)";
}

void Append(store::Params& to, const store::Params& more) {
  to.insert(to.end(), more.begin(), more.end());
}

}  // namespace

SearchDocument SearchDocumentOf(const ArticleDraft& text, int free_paragraphs) {
  SearchDocument doc{text.headline, text.dek, {}, {}};
  auto blocks = TopLevelBlocks(text.body_markdown);
  size_t free = text.access == Access::kFree ? blocks.size()
                                             : static_cast<size_t>(std::max(0, free_paragraphs));
  for (size_t i = 0; i < blocks.size(); ++i) {
    std::string& into = i < free ? doc.public_text : doc.hidden_text;
    if (!into.empty()) into += '\n';
    into += blocks[i].text;
  }
  return doc;
}

core::Result<void> PutSearchDocument(store::Executor& tx, int64_t id, const SearchDocument& d) {
  if (tx.dialect() == store::Dialect::kSqlite) {
    DL_TRY(tx.Run("DELETE FROM article_search WHERE rowid = ?", {id}));
    return tx.Run(
        "INSERT INTO article_search (rowid, headline, dek, public_text, hidden_text) "
        "VALUES (?, ?, ?, ?, ?)",
        {id, d.headline, d.dek, d.public_text, d.hidden_text});
  }
  return tx.Run(
      "INSERT INTO article_search (article_id, public_doc, full_doc) VALUES (?, "
      "setweight(to_tsvector('english', ?), 'A') || setweight(to_tsvector('english', ?), 'B') || "
      "setweight(to_tsvector('english', ?), 'C'), "
      "setweight(to_tsvector('english', ?), 'A') || setweight(to_tsvector('english', ?), 'B') || "
      "setweight(to_tsvector('english', ?), 'C') || setweight(to_tsvector('english', ?), 'C')) "
      "ON CONFLICT (article_id) DO UPDATE SET public_doc = excluded.public_doc, "
      "full_doc = excluded.full_doc",
      {id, d.headline, d.dek, d.public_text, d.headline, d.dek, d.public_text, d.hidden_text});
}

core::Result<std::vector<int64_t>> SearchStore::Find(const SearchFilter& f, int64_t now, int offset,
                                                     int limit) {
  std::vector<int64_t> ids;
  if (f.terms.empty()) return ids;
  auto [where, filter_params] = StoryFilter(f, now);
  store::Params params;
  std::string sql;
  if (db_.dialect() == store::Dialect::kSqlite) {
    auto [hits, hit_params] = SqliteHits(f, !f.newest_first);
    params = hit_params;
    // MATERIALIZED: bm25 only works where FTS5 evaluates it, never flattened into a join.
    sql = fmt::format(
        "WITH h AS MATERIALIZED ({}) SELECT a.id FROM h JOIN articles a ON a.id = h.id "
        "WHERE {} GROUP BY a.id, a.published_at ORDER BY {} LIMIT ? OFFSET ?",
        hits, where,
        f.newest_first ? "a.published_at DESC, a.id DESC" : "MIN(h.rank), a.published_at DESC");
    Append(params, filter_params);
  } else {
    std::string rank = PostgresRank(f, params);
    auto [match, match_params] = PostgresMatch(f);
    Append(params, match_params);
    sql = fmt::format("SELECT a.id, {} AS rank {} AND {} ORDER BY {} LIMIT ? OFFSET ?", rank, match,
                      where,
                      f.newest_first ? "a.published_at DESC, a.id DESC"
                                     : "rank DESC, a.published_at DESC, a.id DESC");
    Append(params, filter_params);
  }
  params.emplace_back(int64_t{limit});
  params.emplace_back(int64_t{offset});
  auto rows = db_.Query(sql, params);
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) ids.push_back(r.Int(0));
  return ids;
}

core::Result<int64_t> SearchStore::Count(const SearchFilter& f, int64_t now) {
  if (f.terms.empty()) return int64_t{0};
  auto [where, filter_params] = StoryFilter(f, now);
  std::string sql;
  store::Params params;
  if (db_.dialect() == store::Dialect::kSqlite) {
    auto [hits, hit_params] = SqliteHits(f, false);
    params = hit_params;
    sql = fmt::format(
        "WITH h AS MATERIALIZED ({}) SELECT COUNT(DISTINCT a.id) FROM h JOIN articles a ON "
        "a.id = h.id WHERE {}",
        hits, where);
  } else {
    auto [match, match_params] = PostgresMatch(f);
    params = match_params;
    sql = fmt::format("SELECT COUNT(*) {} AND {}", match, where);
  }
  Append(params, filter_params);
  auto row = db_.QueryOne(sql, params);
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<void> SearchStore::PutMany(
    const std::vector<std::pair<int64_t, SearchDocument>>& docs) {
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    for (const auto& [id, doc] : docs) DL_TRY(PutSearchDocument(tx, id, doc));
    return {};
  });
}

core::Result<std::optional<int64_t>> SearchStore::BuiltWith() {
  auto rows = db_.Query("SELECT free_paragraphs FROM article_search_state WHERE id = 1");
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().Int(0));
}

core::Result<void> SearchStore::MarkBuilt(int64_t free_paragraphs, int64_t now) {
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(tx.Run("DELETE FROM article_search_state WHERE id = 1"));
    return tx.Run(
        "INSERT INTO article_search_state (id, free_paragraphs, built_at) VALUES (1, ?, ?)",
        {free_paragraphs, now});
  });
}

}  // namespace dateline::articles
