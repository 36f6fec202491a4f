#pragma once
// How the article stores read a story's row: the columns, the live-story test every
// reader-facing list says word for word, and the conversions. Private to
// article_store.cpp and article_list_store.cpp.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "articles/article.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::articles::story_rows {

inline constexpr std::string_view kColumns =
    "id, slug, headline, dek, dateline, byline, body_markdown, access, status, author_id, "
    "revision_id, deleted_at, published_at, created_at, updated_at";

// What readers see: live stories (Article::LiveAt, in SQL). Said word for word, so the
// planner may use the partial indexes of live stories (migration 33), which hold them
// in (published_at, id) and (section_id, published_at, id) order: a page of a list walks
// one index newest first and stops, and a count reads index entries only.
inline constexpr std::string_view kLive =
    "status IN ('scheduled', 'published') AND deleted_at IS NULL AND published_at <= ?";

inline Article FromRow(const store::Row& r) {
  Article a;
  a.id = r.Int(0);
  a.slug = r.Text(1);
  a.headline = r.Text(2);
  a.dek = r.Text(3);
  a.dateline = r.Text(4);
  a.byline = r.Text(5);
  a.body_markdown = r.Text(6);
  a.access = ParseAccess(r.Text(7)).value_or(Access::kSubscribers);  // fail closed
  a.status = ParseStatus(r.Text(8)).value_or(Status::kDraft);        // fail closed
  a.author_id = r.OptionalInt(9);
  a.revision_id = r.Int(10);
  a.deleted_at = r.OptionalInt(11);
  a.published_at = r.Int(12);
  a.created_at = r.Int(13);
  a.updated_at = r.Int(14);
  return a;
}

inline core::Result<std::vector<Article>> ToArticles(core::Result<store::Rows> rows) {
  if (!rows.ok()) return rows.error();
  std::vector<Article> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

inline core::Result<std::optional<Article>> FirstArticle(core::Result<store::Rows> rows) {
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Article>();
  return std::optional<Article>(FromRow(rows->front()));
}

// The select of kColumns from the articles table, then `rest` (defined in
// article_store.cpp: SQL lives in the stores).
std::string Select(std::string_view rest);

}  // namespace dateline::articles::story_rows
