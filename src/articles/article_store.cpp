#include "articles/article_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "articles/story_events.hpp"
#include "articles/structure_store.hpp"
#include "core/text.hpp"
#include "store/content_generation.hpp"

namespace dateline::articles {
namespace {

constexpr std::string_view kColumns =
    "id, slug, headline, dek, dateline, byline, body_markdown, access, status, author_id, "
    "revision_id, deleted_at, published_at, created_at, updated_at";

// What readers see: live stories (Article::LiveAt, in SQL). Said word for word, so the
// planner may use the partial indexes of live stories (migration 33), which hold them
// in (published_at, id) and (section_id, published_at, id) order: a page of a list walks
// one index newest first and stops, and a count reads index entries only.
constexpr std::string_view kLive =
    "status IN ('scheduled', 'published') AND deleted_at IS NULL AND published_at <= ?";

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
  a.status = ParseStatus(r.Text(8)).value_or(Status::kDraft);        // fail closed
  a.author_id = r.OptionalInt(9);
  a.revision_id = r.Int(10);
  a.deleted_at = r.OptionalInt(11);
  a.published_at = r.Int(12);
  a.created_at = r.Int(13);
  a.updated_at = r.Int(14);
  return a;
}

core::Result<std::vector<Article>> ToArticles(core::Result<store::Rows> rows) {
  if (!rows.ok()) return rows.error();
  std::vector<Article> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

core::Result<std::optional<Article>> FirstArticle(core::Result<store::Rows> rows) {
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Article>();
  return std::optional<Article>(FromRow(rows->front()));
}

std::string Select(std::string_view rest) {
  return fmt::format("SELECT {} FROM articles {}", kColumns, rest);
}

// LIKE matches the text literally: its wildcards are escaped with '!'.
std::string LikePattern(std::string_view words) {
  std::string pattern = "%";
  for (char c : core::AsciiLower(words)) {
    if (c == '%' || c == '_' || c == '!') pattern += '!';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

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

// The WHERE clause (after kLive) and parameters of a shelf.
std::pair<std::string, store::Params> ShelfWhere(int64_t now, const Shelf& shelf) {
  std::string where = fmt::format("WHERE {}", kLive);
  store::Params params{now};
  if (shelf.section_id) {
    where += " AND section_id = ?";
    params.emplace_back(*shelf.section_id);
  }
  if (shelf.tag_id) {
    where += " AND id IN (SELECT article_id FROM article_tags WHERE tag_id = ? AND listed = 1)";
    params.emplace_back(*shelf.tag_id);
  }
  if (shelf.author_id) {
    where +=
        " AND id IN (SELECT article_id FROM article_authors WHERE author_id = ? AND listed = 1)";
    params.emplace_back(*shelf.author_id);
  }
  if (shelf.from) {
    where += " AND published_at >= ?";
    params.emplace_back(*shelf.from);
  }
  if (shelf.until) {
    where += " AND published_at < ?";
    params.emplace_back(*shelf.until);
  }
  if (shelf.changed_since) {
    where += " AND (updated_at >= ? OR published_at >= ?)";
    params.emplace_back(*shelf.changed_since);
    params.emplace_back(*shelf.changed_since);
  }
  return {where, params};
}

// A shelf of one author's or one tag's stories (within a time window at most), read
// through the link table's own index of listed stories newest first (migration 33):
// a page costs what it holds and a count reads index entries, however many stories the
// site has or how rare the byline is.
struct LinkShelf {
  std::string_view table;
  std::string_view key;
  int64_t id;
};

std::optional<LinkShelf> LinkShelfOf(const Shelf& shelf) {
  if (shelf.section_id || shelf.changed_since || (shelf.author_id && shelf.tag_id)) {
    return std::nullopt;
  }
  if (shelf.author_id) return LinkShelf{"article_authors", "author_id", *shelf.author_id};
  if (shelf.tag_id) return LinkShelf{"article_tags", "tag_id", *shelf.tag_id};
  return std::nullopt;
}

std::pair<std::string, store::Params> LinkWhere(int64_t now, const LinkShelf& link,
                                                const Shelf& shelf) {
  std::string where = fmt::format("FROM {} WHERE {} = ? AND listed = 1 AND published_at <= ?",
                                  link.table, link.key);
  store::Params params{link.id, now};
  if (shelf.from) {
    where += " AND published_at >= ?";
    params.emplace_back(*shelf.from);
  }
  if (shelf.until) {
    where += " AND published_at < ?";
    params.emplace_back(*shelf.until);
  }
  return {where, params};
}

// The WHERE clause and parameters of a newsroom filter.
std::pair<std::string, store::Params> NewsroomWhere(const NewsroomFilter& f) {
  std::string where = f.trash ? "WHERE deleted_at IS NOT NULL" : "WHERE deleted_at IS NULL";
  store::Params params;
  if (f.status) {
    where += " AND status = ?";
    params.emplace_back(std::string(StatusName(*f.status)));
  }
  if (f.author_id) {
    where += " AND author_id = ?";
    params.emplace_back(*f.author_id);
  }
  if (!core::Trim(f.words).empty()) {
    where += " AND (LOWER(headline) LIKE ? ESCAPE '!' OR slug LIKE ? ESCAPE '!')";
    std::string pattern = LikePattern(core::Trim(f.words));
    params.emplace_back(pattern);
    params.emplace_back(pattern);
  }
  return {where, params};
}

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

core::Result<std::vector<SitemapGroup>> ArticleStore::SitemapGroups(int64_t now,
                                                                    int64_t per_group) {
  // One range of the sitemap index (id, status, deleted_at, published_at, updated_at,
  // slug) per group, read from its entries alone and summed without a sort: a GROUP BY
  // over `id / n` would sort every live story, and the planner might walk the live
  // stories by time instead (SQLite is told which index; PostgreSQL's planner picks the
  // range itself).
  auto top = db_.QueryOne("SELECT MAX(id) FROM articles");
  if (!top.ok()) return top.error();
  std::vector<SitemapGroup> out;
  auto last = top->OptionalInt(0);
  if (!last || per_group <= 0) return out;
  auto summary = [](std::string_view hint) {
    return fmt::format(
        "SELECT MAX(CASE WHEN updated_at > published_at THEN updated_at ELSE published_at "
        "END), COUNT(*) FROM articles {} WHERE id >= ? AND id < ? AND {}",
        hint, kLive);
  };
  static const std::string kSqliteSql = summary("INDEXED BY articles_for_sitemap");
  static const std::string kPostgresSql = summary("");
  const std::string& query = db_.dialect() == store::Dialect::kSqlite ? kSqliteSql : kPostgresSql;
  for (int64_t group = 0; group <= *last / per_group; ++group) {
    auto row = db_.QueryOne(query, {group * per_group, (group + 1) * per_group, now});
    if (!row.ok()) return row.error();
    if (row->Int(1) > 0) out.push_back({group, row->Int(0), row->Int(1)});
  }
  return out;
}

core::Result<std::vector<SitemapEntry>> ArticleStore::SitemapEntries(int64_t now, int64_t first_id,
                                                                     int64_t end_id) {
  static const std::string sql = fmt::format(
      "SELECT slug, CASE WHEN updated_at > published_at THEN updated_at ELSE published_at END "
      "FROM articles WHERE {} AND id >= ? AND id < ? ORDER BY id",
      kLive);
  auto rows = db_.Query(sql, {now, first_id, end_id});
  if (!rows.ok()) return rows.error();
  std::vector<SitemapEntry> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Int(1)});
  return out;
}

core::Result<std::vector<Article>> ArticleStore::ListPublishedAfter(
    int64_t now, std::optional<std::pair<int64_t, int64_t>> after, int limit) {
  if (!after) {
    static const std::string first =
        Select(fmt::format("WHERE {} ORDER BY published_at DESC, id DESC LIMIT ?", kLive));
    return ToArticles(db_.Query(first, {now, int64_t{limit}}));
  }
  // A row-value comparison walks the (published_at, id) order from where the last page
  // stopped: no OFFSET, so page 100 costs what page 1 does.
  static const std::string sql = Select(fmt::format(
      "WHERE {} AND (published_at, id) < (?, ?) ORDER BY published_at DESC, id DESC LIMIT ?",
      kLive));
  return ToArticles(db_.Query(sql, {now, after->first, after->second, int64_t{limit}}));
}

core::Result<int64_t> ArticleStore::CountPublished(int64_t now) {
  static const std::string sql = fmt::format("SELECT COUNT(*) FROM articles WHERE {}", kLive);
  auto row = db_.QueryOne(sql, {now});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<std::vector<Article>> ArticleStore::ListShelf(
    int64_t now, const Shelf& shelf, std::optional<std::pair<int64_t, int64_t>> after, int limit) {
  if (auto link = LinkShelfOf(shelf)) {
    // The page's ids from the link index, then those stories (kLive again: a guard
    // should a link row ever lag its story), put in order here: a page, not a sort in
    // the store.
    auto [where, params] = LinkWhere(now, *link, shelf);
    if (after) {
      where += " AND (published_at, article_id) < (?, ?)";
      params.emplace_back(after->first);
      params.emplace_back(after->second);
    }
    params.emplace_back(int64_t{limit});
    params.emplace_back(now);
    auto page = ToArticles(db_.Query(
        Select(fmt::format("WHERE id IN (SELECT article_id {} ORDER BY published_at DESC, "
                           "article_id DESC LIMIT ?) AND {}",
                           where, kLive)),
        params));
    if (page.ok()) {
      std::sort(page->begin(), page->end(), [](const Article& a, const Article& b) {
        return std::tie(a.published_at, a.id) > std::tie(b.published_at, b.id);
      });
    }
    return page;
  }
  auto [where, params] = ShelfWhere(now, shelf);
  if (after) {
    where += " AND (published_at, id) < (?, ?)";
    params.emplace_back(after->first);
    params.emplace_back(after->second);
  }
  params.emplace_back(int64_t{limit});
  return ToArticles(
      db_.Query(Select(where + " ORDER BY published_at DESC, id DESC LIMIT ?"), params));
}

core::Result<int64_t> ArticleStore::CountShelf(int64_t now, const Shelf& shelf) {
  auto link = LinkShelfOf(shelf);
  auto [where, params] = link ? LinkWhere(now, *link, shelf) : ShelfWhere(now, shelf);
  auto row = db_.QueryOne(
      link ? "SELECT COUNT(*) " + where : "SELECT COUNT(*) FROM articles " + where, params);
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<std::vector<std::pair<std::string, int64_t>>> ArticleStore::MonthsWithStories(
    int64_t now) {
  // Months are counted in SQL per dialect: the two spell "the month of this epoch" apart.
  std::string month = db_.dialect() == store::Dialect::kSqlite
                          ? "strftime('%Y-%m', published_at, 'unixepoch')"
                          : "to_char(to_timestamp(published_at) AT TIME ZONE 'UTC', 'YYYY-MM')";
  auto rows = db_.Query(fmt::format("SELECT {0} AS month, COUNT(*) FROM articles WHERE {1} "
                                    "GROUP BY {0} ORDER BY {0} DESC LIMIT 1200",
                                    month, kLive),
                        {now});
  if (!rows.ok()) return rows.error();
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& r : *rows) out.emplace_back(r.Text(0), r.Int(1));
  return out;
}

core::Result<std::vector<Article>> ArticleStore::ListAllAfter(int64_t after_id, int limit) {
  static const std::string sql = Select("WHERE id > ? ORDER BY id LIMIT ?");
  return ToArticles(db_.Query(sql, {after_id, int64_t{limit}}));
}

core::Result<int64_t> ArticleStore::CountAll() {
  auto row = db_.QueryOne("SELECT COUNT(*) FROM articles");
  if (!row.ok()) return row.error();
  return row->Int(0);
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

core::Result<std::optional<int64_t>> ArticleStore::NextScheduledAfter(int64_t now) {
  auto row = db_.QueryOne(
      "SELECT MIN(published_at) FROM articles WHERE status IN ('scheduled', 'published') AND "
      "deleted_at IS NULL AND published_at > ?",
      {now});
  if (!row.ok()) return row.error();
  return row->OptionalInt(0);
}

core::Result<std::vector<Article>> ArticleStore::ListNewsroom(
    const NewsroomFilter& filter, std::optional<std::pair<int64_t, int64_t>> after, int limit) {
  auto [where, params] = NewsroomWhere(filter);
  if (after) {
    where += " AND (updated_at, id) < (?, ?)";
    params.emplace_back(after->first);
    params.emplace_back(after->second);
  }
  params.emplace_back(int64_t{limit});
  return ToArticles(
      db_.Query(Select(where + " ORDER BY updated_at DESC, id DESC LIMIT ?"), params));
}

core::Result<int64_t> ArticleStore::CountNewsroom(const NewsroomFilter& filter) {
  auto [where, params] = NewsroomWhere(filter);
  auto row = db_.QueryOne("SELECT COUNT(*) FROM articles " + where, params);
  if (!row.ok()) return row.error();
  return row->Int(0);
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
