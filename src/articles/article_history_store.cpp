// The story's side tables: revisions, workflow moves, corrections, autosaves and presence
// (article_store.cpp has the articles table itself).

#include <fmt/format.h>

#include <climits>

#include "articles/article_store.hpp"
#include "store/content_generation.hpp"

namespace dateline::articles {
namespace {

// A story's text from seven columns starting at `at`: slug, headline, dek, dateline,
// byline, body_markdown, access (the order revisions and autosaves share).
ArticleDraft TextFromRow(const store::Row& r, size_t at) {
  ArticleDraft d;
  d.slug = r.Text(at);
  d.headline = r.Text(at + 1);
  d.dek = r.Text(at + 2);
  d.dateline = r.Text(at + 3);
  d.byline = r.Text(at + 4);
  d.body_markdown = r.Text(at + 5);
  d.access = ParseAccess(r.Text(at + 6)).value_or(Access::kSubscribers);  // fail closed
  return d;
}

Revision RevisionFromRow(const store::Row& r) {
  Revision v;
  v.id = r.Int(0);
  v.article_id = r.Int(1);
  v.text = TextFromRow(r, 2);
  v.text.published_at = r.Int(9);
  v.saved_by = r.OptionalInt(10);
  v.created_at = r.Int(11);
  return v;
}

constexpr std::string_view kRevisionColumns =
    "id, article_id, slug, headline, dek, dateline, byline, body_markdown, access, published_at, "
    "saved_by, created_at";

}  // namespace

core::Result<std::vector<Revision>> ArticleStore::Revisions(int64_t article_id,
                                                            std::optional<int64_t> before,
                                                            int limit) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM article_revisions WHERE article_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
      kRevisionColumns);
  auto rows = db_.Query(sql, {article_id, before.value_or(INT64_MAX), int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<Revision> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(RevisionFromRow(r));
  return out;
}

core::Result<std::optional<Revision>> ArticleStore::FindRevision(int64_t article_id,
                                                                 int64_t revision_id) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM article_revisions WHERE article_id = ? AND id = ?", kRevisionColumns);
  auto rows = db_.Query(sql, {article_id, revision_id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Revision>();
  return std::optional<Revision>(RevisionFromRow(rows->front()));
}

core::Result<int64_t> ArticleStore::CountRevisions(int64_t article_id) {
  auto row =
      db_.QueryOne("SELECT COUNT(*) FROM article_revisions WHERE article_id = ?", {article_id});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<std::vector<Transition>> ArticleStore::Transitions(int64_t article_id, int limit) {
  auto rows = db_.Query(
      "SELECT id, from_status, to_status, actor_id, note, at FROM article_transitions "
      "WHERE article_id = ? ORDER BY id DESC LIMIT ?",
      {article_id, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<Transition> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.OptionalInt(3), r.Text(4), r.Int(5)});
  }
  return out;
}

core::Result<Correction> ArticleStore::AddCorrection(int64_t article_id, CorrectionKind kind,
                                                     const std::string& body,
                                                     std::optional<int64_t> created_by,
                                                     int64_t now) {
  Correction c{0, article_id, kind, body, now};
  auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto row = tx.WriteOne(
        "INSERT INTO article_corrections (article_id, kind, body, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?) RETURNING id",
        {article_id, std::string(CorrectionKindName(kind)), body, store::OrNull(created_by), now});
    if (!row.ok()) return row.error();
    c.id = row->Int(0);
    // An honest dateModified: the story changed in a way readers are told about.
    DL_TRY(tx.Run("UPDATE articles SET updated_at = ? WHERE id = ?", {now, article_id}));
    return store::BumpContentGeneration(tx);
  });
  if (!done.ok()) return done.error();
  return c;
}

core::Result<std::vector<Correction>> ArticleStore::CorrectionsOf(int64_t article_id) {
  auto rows = db_.Query(
      "SELECT id, article_id, kind, body, created_at FROM article_corrections "
      "WHERE article_id = ? ORDER BY id LIMIT 200",
      {article_id});
  if (!rows.ok()) return rows.error();
  std::vector<Correction> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Int(1),
                   ParseCorrectionKind(r.Text(2)).value_or(CorrectionKind::kCorrection), r.Text(3),
                   r.Int(4)});
  }
  return out;
}

core::Result<void> ArticleStore::PutAutosave(const Autosave& a) {
  const ArticleDraft& d = a.text;
  return db_.Run(
      "INSERT INTO article_autosaves (article_id, user_id, base_revision, slug, headline, dek, "
      "dateline, byline, body_markdown, access, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (article_id, user_id) DO UPDATE SET base_revision = excluded.base_revision, "
      "slug = excluded.slug, headline = excluded.headline, dek = excluded.dek, "
      "dateline = excluded.dateline, byline = excluded.byline, "
      "body_markdown = excluded.body_markdown, access = excluded.access, "
      "saved_at = excluded.saved_at",
      {a.article_id, a.user_id, a.base_revision, d.slug, d.headline, d.dek, d.dateline, d.byline,
       d.body_markdown, std::string(AccessName(d.access)), a.saved_at});
}

core::Result<std::optional<Autosave>> ArticleStore::FindAutosave(int64_t article_id,
                                                                 int64_t user_id) {
  auto rows = db_.Query(
      "SELECT base_revision, slug, headline, dek, dateline, byline, body_markdown, access, "
      "saved_at FROM article_autosaves WHERE article_id = ? AND user_id = ?",
      {article_id, user_id});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Autosave>();
  const auto& r = rows->front();
  Autosave a;
  a.article_id = article_id;
  a.user_id = user_id;
  a.base_revision = r.Int(0);
  a.text = TextFromRow(r, 1);
  a.saved_at = r.Int(8);
  return std::optional<Autosave>(std::move(a));
}

core::Result<void> ArticleStore::DeleteAutosave(int64_t article_id, int64_t user_id) {
  return db_.Run("DELETE FROM article_autosaves WHERE article_id = ? AND user_id = ?",
                 {article_id, user_id});
}

core::Result<void> ArticleStore::MarkPresent(int64_t article_id, int64_t user_id, int64_t now) {
  return db_.Run(
      "INSERT INTO article_presence (article_id, user_id, seen_at) VALUES (?, ?, ?) "
      "ON CONFLICT (article_id, user_id) DO UPDATE SET seen_at = excluded.seen_at",
      {article_id, user_id, now});
}

core::Result<std::vector<int64_t>> ArticleStore::PresentSince(int64_t article_id, int64_t user_id,
                                                              int64_t since) {
  auto rows = db_.Query(
      "SELECT user_id FROM article_presence WHERE article_id = ? AND user_id <> ? AND "
      "seen_at >= ? ORDER BY seen_at DESC LIMIT 20",
      {article_id, user_id, since});
  if (!rows.ok()) return rows.error();
  std::vector<int64_t> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(r.Int(0));
  return out;
}

core::Result<int64_t> ArticleStore::PrunePresence(int64_t before) {
  return db_.Execute("DELETE FROM article_presence WHERE seen_at < ?", {before});
}

}  // namespace dateline::articles
