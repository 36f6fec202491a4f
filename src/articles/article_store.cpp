#include "articles/article_store.hpp"

#include "core/text.hpp"
#include "store/content_generation.hpp"

namespace dateline::articles {
namespace {

constexpr std::string_view kColumns =
    "id, slug, headline, dek, dateline, byline, body_markdown, access, published_at, "
    "created_at, updated_at";

Article FromRow(const store::Row& r) {
  Article a;
  a.id = r.Int(0);
  a.slug = r.Text(1);
  a.headline = r.Text(2);
  a.dek = r.Text(3);
  a.dateline = r.Text(4);
  a.byline = r.Text(5);
  a.body_markdown = r.Text(6);
  a.access = ParseAccess(r.Text(7)).value_or(Access::kSubscribers);  // fail closed
  a.published_at = r.Int(8);
  a.created_at = r.Int(9);
  a.updated_at = r.Int(10);
  return a;
}

core::Result<std::vector<Article>> ToArticles(core::Result<store::Rows> rows) {
  if (!rows.ok()) return rows.error();
  std::vector<Article> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

std::string Select(std::string_view rest) {
  return "SELECT " + std::string(kColumns) + " FROM articles " + std::string(rest);
}

}  // namespace

core::Result<std::optional<Article>> ArticleStore::FindBySlug(std::string_view slug) {
  static const std::string sql = Select("WHERE slug = ?");
  auto rows = db_.Query(sql, {std::string(slug)});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Article>();
  return std::optional<Article>(FromRow(rows->front()));
}

core::Result<std::optional<Article>> ArticleStore::FindById(int64_t id) {
  static const std::string sql = Select("WHERE id = ?");
  auto rows = db_.Query(sql, {id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Article>();
  return std::optional<Article>(FromRow(rows->front()));
}

core::Result<std::map<int64_t, ArticleTitle>> ArticleStore::Titles(
    const std::vector<int64_t>& ids) {
  std::map<int64_t, ArticleTitle> out;
  if (ids.empty()) return out;
  auto rows = db_.Query("SELECT id, slug, headline FROM articles WHERE id IN (" +
                            store::Placeholders(ids.size()) + ")",
                        store::Params(ids.begin(), ids.end()));
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) out[r.Int(0)] = {r.Text(1), r.Text(2)};
  return out;
}

core::Result<std::vector<Article>> ArticleStore::ListPublished(int64_t now, int limit) {
  static const std::string sql = Select(
      "WHERE status = 'published' AND published_at <= ? ORDER BY published_at DESC, id DESC "
      "LIMIT ?");
  return ToArticles(db_.Query(sql, {now, int64_t{limit}}));
}

core::Result<std::vector<Article>> ArticleStore::ListPublishedAfter(
    int64_t now, std::optional<std::pair<int64_t, int64_t>> after, int limit) {
  if (!after) return ListPublished(now, limit);
  // A row-value comparison walks the (published_at, id) order from where the last page
  // stopped: no OFFSET, so page 100 costs what page 1 does.
  static const std::string sql = Select(
      "WHERE status = 'published' AND published_at <= ? AND (published_at, id) < (?, ?) "
      "ORDER BY published_at DESC, id DESC LIMIT ?");
  return ToArticles(db_.Query(sql, {now, after->first, after->second, int64_t{limit}}));
}

core::Result<int64_t> ArticleStore::CountPublished(int64_t now) {
  auto row = db_.QueryOne(
      "SELECT COUNT(*) FROM articles WHERE status = 'published' AND published_at <= ?", {now});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<std::vector<Article>> ArticleStore::FindContaining(std::string_view needle,
                                                                int64_t now, int limit) {
  static const std::string sql = Select(
      "WHERE status = 'published' AND published_at <= ? AND (LOWER(headline) LIKE ? ESCAPE '!' "
      "OR LOWER(dek) LIKE ? ESCAPE '!' OR LOWER(body_markdown) LIKE ? ESCAPE '!') "
      "ORDER BY published_at DESC, id DESC LIMIT ?");
  // The reader's text is matched literally: LIKE's wildcards are escaped.
  std::string pattern = "%";
  for (char c : core::AsciiLower(needle)) {
    if (c == '%' || c == '_' || c == '!') pattern += '!';
    pattern += c;
  }
  pattern += '%';
  return ToArticles(db_.Query(sql, {now, pattern, pattern, pattern, int64_t{limit}}));
}

core::Result<std::vector<Article>> ArticleStore::ListAll(int limit) {
  static const std::string sql = Select("ORDER BY published_at DESC, id DESC LIMIT ?");
  return ToArticles(db_.Query(sql, {int64_t{limit}}));
}

core::Result<std::optional<int64_t>> ArticleStore::NextScheduledAfter(int64_t now) {
  auto row = db_.QueryOne(
      "SELECT MIN(published_at) FROM articles WHERE status = 'published' AND published_at > ?",
      {now});
  if (!row.ok()) return row.error();
  return row->OptionalInt(0);
}

core::Result<UpsertOutcome> ArticleStore::Upsert(const ArticleDraft& d, int64_t now) {
  UpsertOutcome outcome;
  int64_t published_at = d.published_at.value_or(now);
  auto status = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    static const std::string find = Select("WHERE slug = ?");
    auto existing = tx.Query(find, {d.slug});
    if (!existing.ok()) return existing.error();
    if (existing->empty()) {
      auto inserted = tx.WriteOne(
          "INSERT INTO articles (slug, headline, dek, dateline, byline, body_markdown, access, "
          "status, published_at, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?) RETURNING id",
          {d.slug, d.headline, d.dek, d.dateline, d.byline, d.body_markdown,
           std::string(AccessName(d.access)), published_at, now, now});
      if (!inserted.ok()) return inserted.error();
      outcome.created = true;
      outcome.article.id = inserted->Int(0);
      outcome.article.created_at = now;
    } else {
      Article old = FromRow(existing->front());
      DL_TRY(tx.Execute(
          "INSERT INTO article_revisions (article_id, headline, dek, dateline, byline, "
          "body_markdown, access, published_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {old.id, old.headline, old.dek, old.dateline, old.byline, old.body_markdown,
           std::string(AccessName(old.access)), old.published_at, now}));
      DL_TRY(
          tx.Execute("UPDATE articles SET headline = ?, dek = ?, dateline = ?, byline = ?, "
                     "body_markdown = ?, access = ?, published_at = ?, updated_at = ? WHERE id = ?",
                     {d.headline, d.dek, d.dateline, d.byline, d.body_markdown,
                      std::string(AccessName(d.access)), published_at, now, old.id}));
      outcome.article.id = old.id;
      outcome.article.created_at = old.created_at;
    }
    auto count = tx.QueryOne("SELECT COUNT(*) FROM article_revisions WHERE article_id = ?",
                             {outcome.article.id});
    if (!count.ok()) return count.error();
    outcome.revisions = count->Int(0);
    return store::BumpContentGeneration(tx);
  });
  if (!status.ok()) return status.error();
  Article& a = outcome.article;
  a.slug = d.slug;
  a.headline = d.headline;
  a.dek = d.dek;
  a.dateline = d.dateline;
  a.byline = d.byline;
  a.body_markdown = d.body_markdown;
  a.access = d.access;
  a.published_at = published_at;
  a.updated_at = now;
  return outcome;
}

}  // namespace dateline::articles
