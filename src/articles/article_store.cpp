#include "articles/article_store.hpp"

#include <fmt/format.h>

#include "articles/article_rows.hpp"
#include "articles/story_events.hpp"
#include "articles/structure_store.hpp"
#include "core/text.hpp"
#include "store/content_generation.hpp"

namespace dateline::articles {

std::string story_rows::Select(std::string_view rest) {
  return fmt::format("SELECT {} FROM articles {}", story_rows::kColumns, rest);
}

namespace {

using story_rows::FirstArticle;
using story_rows::Select;
using story_rows::ToArticles;

// Refuses a slug another story answers at. The clash is named, for the newsroom.
core::Result<void> RequireFreeSlug(store::Executor& tx, std::string_view slug, int64_t self) {
  auto rows = tx.Query("SELECT id, headline FROM articles WHERE slug = ? AND id <> ?",
                       {std::string(slug), self});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return {};
  const auto& other = rows->front();
  return core::Error::AlreadyExists(fmt::format("slug {} is taken by story {}", slug, other.Int(0)))
      .WithReader(fmt::format("The slug “{}” is already used by the story “{}”. Choose another.",
                              slug, other.Text(1)));
}

core::Result<int64_t> InsertRevision(store::Executor& tx, int64_t article_id, const ArticleDraft& d,
                                     int64_t published_at, std::optional<int64_t> saved_by,
                                     int64_t now) {
  auto row = tx.WriteOne(
      "INSERT INTO article_revisions (article_id, slug, headline, dek, dateline, byline, "
      "body_markdown, access, published_at, saved_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {article_id, d.slug, d.headline, d.dek, d.dateline, d.byline, d.body_markdown,
       std::string(AccessName(d.access)), published_at, store::OrNull(saved_by), now});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<void> RecordTransition(store::Executor& tx, int64_t article_id, std::string_view from,
                                    Status to, std::optional<int64_t> actor_id,
                                    const std::string& note, int64_t now) {
  return tx.Run(
      "INSERT INTO article_transitions (article_id, from_status, to_status, actor_id, note, at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {article_id, std::string(from), std::string(StatusName(to)), store::OrNull(actor_id), note,
       now});
}

core::Result<Article> Reread(store::Executor& tx, int64_t id) {
  static const std::string sql = Select("WHERE id = ?");
  auto found = FirstArticle(tx.Query(sql, {id}));
  if (!found.ok()) return found.error();
  if (!*found) return core::Error::NotFound("no such story").WithReader("No such story.");
  return std::move(**found);
}

bool ReadersMaySee(Status s) { return s == Status::kScheduled || s == Status::kPublished; }

}  // namespace

core::Result<std::optional<Article>> ArticleStore::FindBySlug(std::string_view slug) {
  static const std::string sql = Select("WHERE slug = ?");
  return FirstArticle(db_.Query(sql, {std::string(slug)}));
}

core::Result<std::optional<Article>> ArticleStore::FindById(int64_t id) {
  static const std::string sql = Select("WHERE id = ?");
  return FirstArticle(db_.Query(sql, {id}));
}

core::Result<std::optional<int64_t>> ArticleStore::FindRetiredSlug(std::string_view slug) {
  auto rows = db_.Query("SELECT article_id FROM article_slugs WHERE slug = ?", {std::string(slug)});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().Int(0));
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

core::Result<std::map<int64_t, Article>> ArticleStore::FindByIds(const std::vector<int64_t>& ids) {
  std::map<int64_t, Article> out;
  if (ids.empty()) return out;
  auto found = ToArticles(db_.Query(Select("WHERE id IN (" + store::Placeholders(ids.size()) + ")"),
                                    store::Params(ids.begin(), ids.end())));
  if (!found.ok()) return found.error();
  for (auto& a : *found) out[a.id] = std::move(a);
  return out;
}

core::Result<int64_t> ArticleStore::CreateWithin(store::Executor& tx, const ArticleDraft& d,
                                                 Status status, std::optional<int64_t> author_id,
                                                 const SearchDocument& search, int64_t now) {
  int64_t published_at = d.published_at.value_or(now);
  DL_TRY(tx.TakeTurns("article-slug", 0));  // two new stories never take one slug
  DL_TRY(RequireFreeSlug(tx, d.slug, 0));
  // A slug once retired by another story now belongs to this one.
  DL_TRY(tx.Run("DELETE FROM article_slugs WHERE slug = ?", {d.slug}));
  auto inserted = tx.WriteOne(
      "INSERT INTO articles (slug, headline, dek, dateline, byline, body_markdown, access, "
      "status, author_id, published_at, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {d.slug, d.headline, d.dek, d.dateline, d.byline, d.body_markdown,
       std::string(AccessName(d.access)), std::string(StatusName(status)), store::OrNull(author_id),
       published_at, now, now});
  if (!inserted.ok()) return inserted.error();
  int64_t id = inserted->Int(0);
  auto revision = InsertRevision(tx, id, d, published_at, author_id, now);
  if (!revision.ok()) return revision.error();
  DL_TRY(tx.Run("UPDATE articles SET revision_id = ? WHERE id = ?", {*revision, id}));
  DL_TRY(RecordTransition(tx, id, "", status, author_id, "", now));
  if (d.filing) DL_TRY(WritePlacement(tx, id, *d.filing));
  DL_TRY(PutSearchDocument(tx, id, search));
  if (ReadersMaySee(status)) DL_TRY(store::BumpContentGeneration(tx));
  return id;
}

core::Result<bool> ArticleStore::SlugTakenWithin(store::Executor& tx, std::string_view slug) {
  auto rows = tx.Query(
      "SELECT 1 FROM articles WHERE slug = ? UNION ALL SELECT 1 FROM article_slugs WHERE slug = ?",
      {std::string(slug), std::string(slug)});
  if (!rows.ok()) return rows.error();
  return !rows->empty();
}

core::Result<Article> ArticleStore::Create(const ArticleDraft& d, Status status,
                                           std::optional<int64_t> author_id,
                                           const SearchDocument& search, int64_t now) {
  int64_t id = 0;
  auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto created = CreateWithin(tx, d, status, author_id, search, now);
    if (!created.ok()) return created.error();
    id = *created;
    auto story = Reread(tx, id);
    if (!story.ok()) return story.error();
    return AnnounceStoryChange(tx, nullptr, *story, false, now);
  });
  if (!done.ok()) return done.error();
  return Reread(db_, id);
}

core::Result<Article> ArticleStore::SaveText(int64_t id, const ArticleDraft& d,
                                             int64_t base_revision, std::optional<int64_t> saved_by,
                                             const SearchDocument& search, int64_t now) {
  auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(tx.TakeTurns("article-slug", 0));
    auto current = Reread(tx, id);
    if (!current.ok()) return current.error();
    if (current->revision_id != base_revision) {
      return core::Error::Conflict(fmt::format("story {} is at revision {}, not {}", id,
                                               current->revision_id, base_revision))
          .WithReader("Someone saved this story after you opened it.");
    }
    int64_t published_at = d.published_at.value_or(current->published_at);
    if (d.slug != current->slug) {
      DL_TRY(RequireFreeSlug(tx, d.slug, id));
      DL_TRY(tx.Run("DELETE FROM article_slugs WHERE slug = ?", {d.slug}));
      // Readers may have the old address: it keeps answering, with a redirect.
      if (current->status != Status::kDraft && current->status != Status::kReview) {
        DL_TRY(tx.Run("INSERT INTO article_slugs (slug, article_id, retired_at) VALUES (?, ?, ?)",
                      {current->slug, id, now}));
      }
    }
    auto revision = InsertRevision(tx, id, d, published_at, saved_by, now);
    if (!revision.ok()) return revision.error();
    DL_TRY(
        tx.Run("UPDATE articles SET slug = ?, headline = ?, dek = ?, dateline = ?, byline = ?, "
               "body_markdown = ?, access = ?, published_at = ?, revision_id = ?, updated_at = ? "
               "WHERE id = ?",
               {d.slug, d.headline, d.dek, d.dateline, d.byline, d.body_markdown,
                std::string(AccessName(d.access)), published_at, *revision, now, id}));
    if (d.filing) DL_TRY(WritePlacement(tx, id, *d.filing));
    DL_TRY(PutSearchDocument(tx, id, search));
    if (ReadersMaySee(current->status)) DL_TRY(store::BumpContentGeneration(tx));
    auto after = Reread(tx, id);
    if (!after.ok()) return after.error();
    return AnnounceStoryChange(tx, &*current, *after, true, now);
  });
  if (!done.ok()) return done.error();
  return Reread(db_, id);
}

core::Result<Article> ArticleStore::Move(int64_t id, Status from, Status to,
                                         std::optional<int64_t> published_at,
                                         std::optional<int64_t> actor_id, const std::string& note,
                                         const std::optional<audit::Event>& audit, int64_t now) {
  auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto before = Reread(tx, id);
    if (!before.ok()) return before.error();
    auto changed = tx.ChangeOne(
        "UPDATE articles SET status = ?, published_at = COALESCE(?, published_at), "
        "updated_at = ? WHERE id = ? AND status = ? AND deleted_at IS NULL",
        {std::string(StatusName(to)), store::OrNull(published_at), now, id,
         std::string(StatusName(from))});
    if (!changed.ok()) return changed.error();
    if (!*changed) {
      return core::Error::Conflict(fmt::format("story {} is no longer {}", id, StatusName(from)))
          .WithReader("Someone changed this story's status after you opened it.");
    }
    DL_TRY(RecordTransition(tx, id, StatusName(from), to, actor_id, note, now));
    if (audit) DL_TRY(audit::Record(tx, *audit));
    if (ReadersMaySee(from) || ReadersMaySee(to)) DL_TRY(store::BumpContentGeneration(tx));
    auto after = Reread(tx, id);
    if (!after.ok()) return after.error();
    return AnnounceStoryChange(tx, &*before, *after, false, now);
  });
  if (!done.ok()) return done.error();
  return Reread(db_, id);
}

core::Result<void> ArticleStore::SetTrashed(int64_t id, std::optional<int64_t> deleted_at,
                                            const audit::Event& audit) {
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto changed = tx.ChangeOne(
        deleted_at ? "UPDATE articles SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"
                   : "UPDATE articles SET deleted_at = ? WHERE id = ? AND deleted_at IS NOT NULL",
        {store::OrNull(deleted_at), id});
    if (!changed.ok()) return changed.error();
    if (!*changed) {
      return core::Error::Conflict(fmt::format("story {} already {}", id,
                                               deleted_at ? "in the trash" : "out of the trash"))
          .WithReader(deleted_at ? "This story is already in the trash."
                                 : "This story is not in the trash.");
    }
    DL_TRY(audit::Record(tx, audit));
    DL_TRY(store::BumpContentGeneration(tx));
    // In the trash a story is not live; back out of it, it is what its status says.
    auto story = Reread(tx, id);
    if (!story.ok()) return story.error();
    Article other = *story;
    other.deleted_at = deleted_at ? std::nullopt : std::optional<int64_t>(audit.at);
    return AnnounceStoryChange(tx, &other, *story, false, audit.at);
  });
}

core::Result<std::vector<int64_t>> ArticleStore::PublishDue(int64_t now) {
  std::vector<int64_t> ids;
  auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    // Each row changes once: a second node's UPDATE waits for the first's row locks and
    // then finds the rows no longer scheduled.
    auto rows = tx.Write(
        "UPDATE articles SET status = 'published' WHERE status = 'scheduled' AND "
        "deleted_at IS NULL AND published_at <= ? RETURNING id",
        {now});
    if (!rows.ok()) return rows.error();
    for (const auto& r : *rows) {
      ids.push_back(r.Int(0));
      DL_TRY(RecordTransition(tx, r.Int(0), "scheduled", Status::kPublished, std::nullopt,
                              "at its scheduled time", now));
      auto story = Reread(tx, r.Int(0));
      if (!story.ok()) return story.error();
      DL_TRY(AnnounceStoryChange(tx, nullptr, *story, false, now));
    }
    return {};
  });
  if (!done.ok()) return done.error();
  return ids;
}

core::Result<int64_t> ArticleStore::PurgeTrash(int64_t before) {
  return db_.Execute("DELETE FROM articles WHERE deleted_at IS NOT NULL AND deleted_at < ?",
                     {before});
}

core::Result<std::vector<std::pair<Correction, Article>>> ArticleStore::RecentCorrections(
    int64_t now, std::optional<std::pair<int64_t, int64_t>> after, int limit) {
  std::string sql = fmt::format(
      "SELECT c.id, c.article_id, c.kind, c.body, c.created_at FROM article_corrections c "
      "JOIN articles a ON a.id = c.article_id WHERE a.status IN ('scheduled', 'published') AND "
      "a.deleted_at IS NULL AND a.published_at <= ?{} ORDER BY c.created_at DESC, c.id DESC "
      "LIMIT ?",
      after ? " AND (c.created_at, c.id) < (?, ?)" : "");
  store::Params params{now};
  if (after) {
    params.emplace_back(after->first);
    params.emplace_back(after->second);
  }
  params.emplace_back(int64_t{limit});
  auto rows = db_.Query(sql, params);
  if (!rows.ok()) return rows.error();
  std::vector<int64_t> ids;
  for (const auto& r : *rows) ids.push_back(r.Int(1));
  auto found = FindByIds(ids);
  if (!found.ok()) return found.error();
  std::map<int64_t, Article>& stories = *found;
  std::vector<std::pair<Correction, Article>> out;
  for (const auto& r : *rows) {
    auto story = stories.find(r.Int(1));
    if (story == stories.end()) continue;
    out.emplace_back(
        Correction{r.Int(0), r.Int(1),
                   ParseCorrectionKind(r.Text(2)).value_or(CorrectionKind::kCorrection), r.Text(3),
                   r.Int(4)},
        story->second);
  }
  return out;
}

}  // namespace dateline::articles
