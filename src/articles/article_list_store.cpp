// The articles table's lists: the newest stories, shelves (a section's, an author's, a
// tag's, a month's), their counts, the sitemap's groups and the newsroom's list. Every
// reader-facing list says kLive word for word, so the planner walks a partial index of
// live stories in order (migration 33); story_list_plans_test reads each plan.

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "articles/article_rows.hpp"
#include "articles/article_store.hpp"
#include "core/text.hpp"

namespace dateline::articles {
namespace {

using story_rows::kLive;

// A story's latest publication or change, as the sitemap shows it.
constexpr std::string_view kLastmod =
    "CASE WHEN updated_at > published_at THEN updated_at ELSE published_at END";
using story_rows::Select;
using story_rows::ToArticles;

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

// Adds " AND <clause>" and its one parameter when the value is set.
void AndIf(std::string& where, store::Params& params, std::string_view clause,
           const std::optional<int64_t>& value) {
  if (!value) return;
  where += " AND ";
  where += clause;
  params.emplace_back(*value);
}

// Continues a list after the last row seen: `columns` are its order, newest first.
void AndAfter(std::string& where, store::Params& params, std::string_view columns,
              const std::optional<std::pair<int64_t, int64_t>>& after) {
  if (!after) return;
  where += fmt::format(" AND ({}) < (?, ?)", columns);
  params.emplace_back(after->first);
  params.emplace_back(after->second);
}

// The time window a shelf may have (an archive month's).
void AndWithin(std::string& where, store::Params& params, const Shelf& shelf) {
  AndIf(where, params, "published_at >= ?", shelf.from);
  AndIf(where, params, "published_at < ?", shelf.until);
}

// The WHERE clause (after kLive) and parameters of a shelf.
std::pair<std::string, store::Params> ShelfWhere(int64_t now, const Shelf& shelf) {
  std::string where = fmt::format("WHERE {}", kLive);
  store::Params params{now};
  AndIf(where, params, "section_id = ?", shelf.section_id);
  AndIf(where, params,
        "id IN (SELECT article_id FROM article_tags WHERE tag_id = ? AND listed = 1)",
        shelf.tag_id);
  AndIf(where, params,
        "id IN (SELECT article_id FROM article_authors WHERE author_id = ? AND listed = 1)",
        shelf.author_id);
  AndWithin(where, params, shelf);
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
  AndWithin(where, params, shelf);
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
  AndIf(where, params, "author_id = ?", f.author_id);
  if (!core::Trim(f.words).empty()) {
    where += " AND (LOWER(headline) LIKE ? ESCAPE '!' OR slug LIKE ? ESCAPE '!')";
    std::string pattern = LikePattern(core::Trim(f.words));
    params.emplace_back(pattern);
    params.emplace_back(pattern);
  }
  return {where, params};
}

}  // namespace

core::Result<std::vector<SitemapGroup>> ArticleStore::SitemapGroups(int64_t now,
                                                                    int64_t per_group) {
  auto top = db_.QueryOne("SELECT MAX(id) FROM articles");
  if (!top.ok()) return top.error();
  std::vector<SitemapGroup> out;
  auto last = top->OptionalInt(0);
  if (!last || per_group <= 0) return out;
  // The site's own group size: each group's latest change in one seek of the index of
  // (id / kStoriesPerSitemap, lastmod, published_at) over live stories (migration 35),
  // which this statement spells word for word; a group with no live story has no row.
  static const std::string kIndexed =
      fmt::format("SELECT {0} FROM articles WHERE id / {1} = ? AND {2} ORDER BY {0} DESC LIMIT 1",
                  kLastmod, kStoriesPerSitemap, kLive);
  // Any other size (tests): one range of the sitemap index (id, status, deleted_at,
  // published_at, updated_at, slug) per group, read from its entries alone. SQLite is told
  // which index: it might walk the live stories by time instead.
  auto summary = [](std::string_view hint) {
    return fmt::format("SELECT MAX({}) FROM articles {} WHERE id >= ? AND id < ? AND {}", kLastmod,
                       hint, kLive);
  };
  static const std::string kSqliteRange = summary("INDEXED BY articles_for_sitemap");
  static const std::string kPostgresRange = summary("");
  const bool indexed = per_group == kStoriesPerSitemap;
  const std::string& range =
      db_.dialect() == store::Dialect::kSqlite ? kSqliteRange : kPostgresRange;
  for (int64_t group = 0; group <= *last / per_group; ++group) {
    auto rows = indexed ? db_.Query(kIndexed, {group, now})
                        : db_.Query(range, {group * per_group, (group + 1) * per_group, now});
    if (!rows.ok()) return rows.error();
    if (!rows->empty() && rows->front().OptionalInt(0)) {
      out.push_back({group, *rows->front().OptionalInt(0)});
    }
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
    AndAfter(where, params, "published_at, article_id", after);
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
  AndAfter(where, params, "published_at, id", after);
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
  AndAfter(where, params, "updated_at, id", after);
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

}  // namespace dateline::articles
