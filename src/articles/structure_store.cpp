#include "articles/structure_store.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "store/content_generation.hpp"

namespace dateline::articles {
namespace {

constexpr std::string_view kSectionColumns =
    "id, slug, name, description, position, opinion, in_navigation";
constexpr std::string_view kAuthorColumns = "id, slug, name, bio, role_title, user_id, photo";

Section SectionFrom(const store::Row& r, size_t at = 0) {
  Section s;
  s.id = r.Int(at);
  s.slug = r.Text(at + 1);
  s.name = r.Text(at + 2);
  s.description = r.Text(at + 3);
  s.position = r.Int(at + 4);
  s.opinion = r.Int(at + 5) != 0;
  s.in_navigation = r.Int(at + 6) != 0;
  return s;
}

Author AuthorFrom(const store::Row& r, size_t at = 0) {
  Author a;
  a.id = r.Int(at);
  a.slug = r.Text(at + 1);
  a.name = r.Text(at + 2);
  a.bio = r.Text(at + 3);
  a.role_title = r.Text(at + 4);
  a.user_id = r.OptionalInt(at + 5);
  a.photo = r.Text(at + 6);
  return a;
}

template <typename T, typename From>
core::Result<std::vector<T>> All(core::Result<store::Rows> rows, From from) {
  if (!rows.ok()) return rows.error();
  std::vector<T> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(from(r, 0));
  return out;
}

template <typename T, typename From>
core::Result<std::optional<T>> First(core::Result<store::Rows> rows, From from) {
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<T>();
  return std::optional<T>(from(rows->front(), 0));
}

Tag TagFrom(const store::Row& r, size_t at) {
  return Tag{r.Int(at), r.Text(at + 1), r.Text(at + 2)};
}

// A unique slug clash, named for the newsroom.
core::Error SlugTaken(std::string_view what, std::string_view slug) {
  return core::Error::AlreadyExists(fmt::format("{} slug {} taken", what, slug))
      .WithReader(fmt::format("Another {} already has the address “{}”. Choose another name or "
                              "slug.",
                              what, slug));
}

core::Error NoSuch(std::string_view what) {
  return core::Error::NotFound(fmt::format("no such {}", what))
      .WithReader(fmt::format("No such {}.", what));
}

// Runs a save whose only expected failure is a slug clash; bumps the generation.
core::Result<int64_t> SaveRow(store::Db& db, std::string_view what, std::string_view slug,
                              const std::function<core::Result<int64_t>(store::Executor&)>& body) {
  int64_t id = 0;
  auto done = db.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto saved = body(tx);
    if (!saved.ok()) return saved.error();
    id = *saved;
    return store::BumpContentGeneration(tx);
  });
  if (!done.ok()) {
    if (done.error().code == core::ErrorCode::kAlreadyExists) return SlugTaken(what, slug);
    return done.error();
  }
  return id;
}

core::Result<int64_t> InsertOrUpdate(store::Executor& tx, std::string_view what, int64_t id,
                                     std::string_view insert_sql, std::string_view update_sql,
                                     store::Params params) {
  if (id == 0) {
    auto row = tx.WriteOne(insert_sql, params);
    if (!row.ok()) return row.error();
    return row->Int(0);
  }
  params.pop_back();  // created_at: only for a new row
  params.emplace_back(id);
  auto changed = tx.ChangeOne(update_sql, params);
  if (!changed.ok()) return changed.error();
  if (!*changed) return NoSuch(what);
  return id;
}

core::Result<void> DeleteRow(store::Db& db, std::string_view table, std::string_view what,
                             int64_t id) {
  return db.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    auto changed = tx.ChangeOne(fmt::format("DELETE FROM {} WHERE id = ?", table), {id});
    if (!changed.ok()) return changed.error();
    if (!*changed) return NoSuch(what);
    return store::BumpContentGeneration(tx);
  });
}

}  // namespace

core::Result<std::vector<Section>> StructureStore::Sections() {
  static const std::string sql =
      fmt::format("SELECT {} FROM sections ORDER BY position, name, id LIMIT {}", kSectionColumns,
                  kMaxSections);
  return All<Section>(db_.Query(sql), SectionFrom);
}

core::Result<std::optional<Section>> StructureStore::FindSection(std::string_view slug) {
  static const std::string sql =
      fmt::format("SELECT {} FROM sections WHERE slug = ?", kSectionColumns);
  return First<Section>(db_.Query(sql, {std::string(slug)}), SectionFrom);
}

core::Result<Section> StructureStore::SaveSection(const Section& s, int64_t now) {
  auto id = SaveRow(db_, "section", s.slug, [&](store::Executor& tx) -> core::Result<int64_t> {
    if (s.id == 0) {
      auto count = tx.QueryOne("SELECT COUNT(*) FROM sections");
      if (!count.ok()) return count.error();
      if (count->Int(0) >= kMaxSections) {
        return core::Error::InvalidArgument("too many sections")
            .WithReader(fmt::format("A site has at most {} sections.", kMaxSections));
      }
    }
    return InsertOrUpdate(
        tx, "section", s.id,
        "INSERT INTO sections (slug, name, description, position, opinion, in_navigation, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        "UPDATE sections SET slug = ?, name = ?, description = ?, position = ?, opinion = ?, "
        "in_navigation = ? WHERE id = ?",
        {s.slug, s.name, s.description, s.position, int64_t{s.opinion}, int64_t{s.in_navigation},
         now});
  });
  if (!id.ok()) return id.error();
  Section saved = s;
  saved.id = *id;
  return saved;
}

core::Result<void> StructureStore::DeleteSection(int64_t id) {
  return DeleteRow(db_, "sections", "section", id);
}

core::Result<std::vector<Tag>> StructureStore::Tags(std::string_view after_slug, int limit) {
  return All<Tag>(db_.Query("SELECT id, slug, name FROM tags WHERE slug > ? ORDER BY slug LIMIT ?",
                            {std::string(after_slug), int64_t{limit}}),
                  TagFrom);
}

core::Result<int64_t> StructureStore::CountTags() {
  auto row = db_.QueryOne("SELECT COUNT(*) FROM tags");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<std::optional<Tag>> StructureStore::FindTag(std::string_view slug) {
  return First<Tag>(
      db_.Query("SELECT id, slug, name FROM tags WHERE slug = ?", {std::string(slug)}), TagFrom);
}

core::Result<Tag> StructureStore::SaveTag(const Tag& t, int64_t now) {
  auto id = SaveRow(db_, "tag", t.slug, [&](store::Executor& tx) {
    return InsertOrUpdate(tx, "tag", t.id,
                          "INSERT INTO tags (slug, name, created_at) VALUES (?, ?, ?) RETURNING id",
                          "UPDATE tags SET slug = ?, name = ? WHERE id = ?", {t.slug, t.name, now});
  });
  if (!id.ok()) return id.error();
  Tag saved = t;
  saved.id = *id;
  return saved;
}

core::Result<void> StructureStore::DeleteTag(int64_t id) {
  return DeleteRow(db_, "tags", "tag", id);
}

core::Result<std::vector<int64_t>> StructureStore::TagIds(const std::vector<Tag>& wanted,
                                                          int64_t now) {
  std::vector<int64_t> ids;
  auto done = db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(tx.TakeTurns("tag-slug", 0));  // two saves never create one tag twice
    for (const auto& t : wanted) {
      auto found = tx.Query("SELECT id FROM tags WHERE slug = ?", {t.slug});
      if (!found.ok()) return found.error();
      if (!found->empty()) {
        ids.push_back(found->front().Int(0));
        continue;
      }
      auto row =
          tx.WriteOne("INSERT INTO tags (slug, name, created_at) VALUES (?, ?, ?) RETURNING id",
                      {t.slug, t.name, now});
      if (!row.ok()) return row.error();
      ids.push_back(row->Int(0));
    }
    return {};
  });
  if (!done.ok()) return done.error();
  return ids;
}

core::Result<std::vector<Author>> StructureStore::Authors(std::string_view after_slug, int limit) {
  static const std::string sql =
      fmt::format("SELECT {} FROM authors WHERE slug > ? ORDER BY slug LIMIT ?", kAuthorColumns);
  return All<Author>(db_.Query(sql, {std::string(after_slug), int64_t{limit}}), AuthorFrom);
}

core::Result<int64_t> StructureStore::CountAuthors() {
  auto row = db_.QueryOne("SELECT COUNT(*) FROM authors");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

core::Result<std::optional<Author>> StructureStore::FindAuthor(std::string_view slug) {
  static const std::string sql =
      fmt::format("SELECT {} FROM authors WHERE slug = ?", kAuthorColumns);
  return First<Author>(db_.Query(sql, {std::string(slug)}), AuthorFrom);
}

core::Result<std::optional<Author>> StructureStore::FindAuthorByName(std::string_view name) {
  static const std::string sql =
      fmt::format("SELECT {} FROM authors WHERE LOWER(name) = ? OR slug = ? ORDER BY id LIMIT 1",
                  kAuthorColumns);
  std::string lowered = core::AsciiLower(name);
  return First<Author>(db_.Query(sql, {lowered, lowered}), AuthorFrom);
}

core::Result<std::optional<Author>> StructureStore::FindAuthorOfUser(int64_t user_id) {
  static const std::string sql =
      fmt::format("SELECT {} FROM authors WHERE user_id = ? ORDER BY id LIMIT 1", kAuthorColumns);
  return First<Author>(db_.Query(sql, {user_id}), AuthorFrom);
}

core::Result<std::optional<Author>> StructureStore::FindAuthorById(int64_t id) {
  static const std::string sql = fmt::format("SELECT {} FROM authors WHERE id = ?", kAuthorColumns);
  return First<Author>(db_.Query(sql, {id}), AuthorFrom);
}

core::Result<Author> StructureStore::SaveAuthor(const Author& a, int64_t now) {
  auto id = SaveRow(db_, "author", a.slug, [&](store::Executor& tx) {
    return InsertOrUpdate(
        tx, "author", a.id,
        "INSERT INTO authors (slug, name, bio, role_title, user_id, photo, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        "UPDATE authors SET slug = ?, name = ?, bio = ?, role_title = ?, user_id = ?, photo = ? "
        "WHERE id = ?",
        {a.slug, a.name, a.bio, a.role_title, store::OrNull(a.user_id), a.photo, now});
  });
  if (!id.ok()) return id.error();
  Author saved = a;
  saved.id = *id;
  return saved;
}

core::Result<void> StructureStore::DeleteAuthor(int64_t id) {
  return DeleteRow(db_, "authors", "author", id);
}

core::Result<FrontPlan> StructureStore::Front() {
  FrontPlan plan;
  auto pins = db_.Query("SELECT article_id FROM front_pins ORDER BY position LIMIT ?",
                        {static_cast<int64_t>(kMaxPinned)});
  if (!pins.ok()) return pins.error();
  for (const auto& r : *pins) plan.pinned.push_back(r.Int(0));
  auto sections = db_.Query("SELECT section_id FROM front_sections ORDER BY position LIMIT ?",
                            {static_cast<int64_t>(kMaxFrontSections)});
  if (!sections.ok()) return sections.error();
  for (const auto& r : *sections) plan.sections.push_back(r.Int(0));
  return plan;
}

core::Result<void> StructureStore::SaveFront(const FrontPlan& plan) {
  return db_.InTransaction([&](store::Executor& tx) -> core::Result<void> {
    DL_TRY(tx.Run("DELETE FROM front_pins"));
    DL_TRY(tx.Run("DELETE FROM front_sections"));
    int64_t position = 0;
    for (int64_t id : plan.pinned) {
      // Inside the transaction: a story trashed a moment ago is not pinned.
      auto live = tx.Query(
          "SELECT id FROM articles WHERE id = ? AND deleted_at IS NULL AND "
          "status IN ('scheduled', 'published')",
          {id});
      if (!live.ok()) return live.error();
      if (live->empty()) {
        return core::Error::NotFound("pinned story gone")
            .WithReader("A story on the plan is no longer published; look again and save.");
      }
      DL_TRY(
          tx.Run("INSERT INTO front_pins (position, article_id) VALUES (?, ?)", {position++, id}));
    }
    position = 0;
    for (int64_t id : plan.sections) {
      auto exists = tx.Query("SELECT id FROM sections WHERE id = ?", {id});
      if (!exists.ok()) return exists.error();
      if (exists->empty()) {
        return core::Error::NotFound("front section gone")
            .WithReader("A section on the plan no longer exists; look again and save.");
      }
      DL_TRY(tx.Run("INSERT INTO front_sections (position, section_id) VALUES (?, ?)",
                    {position++, id}));
    }
    return store::BumpContentGeneration(tx);
  });
}

core::Result<std::optional<int64_t>> StructureStore::PublishedStoryId(std::string_view slug) {
  auto rows = db_.Query(
      "SELECT id FROM articles WHERE slug = ? AND deleted_at IS NULL AND "
      "status IN ('scheduled', 'published')",
      {std::string(slug)});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().Int(0));
}

core::Result<std::map<int64_t, Placement>> StructureStore::PlacementsOf(
    const std::vector<int64_t>& ids) {
  std::map<int64_t, Placement> out;
  if (ids.empty()) return out;
  for (int64_t id : ids) out[id];
  std::string in = "(" + store::Placeholders(ids.size()) + ")";
  store::Params params(ids.begin(), ids.end());
  auto images = db_.Query(
      fmt::format("SELECT id, lead_image FROM articles WHERE id IN {} AND lead_image <> ''", in),
      params);
  if (!images.ok()) return images.error();
  for (const auto& r : *images) out[r.Int(0)].lead_image = r.Text(1);
  auto sections = db_.Query(
      fmt::format("SELECT a.id, s.id, s.slug, s.name, s.description, s.position, s.opinion, "
                  "s.in_navigation FROM articles a JOIN sections s ON s.id = a.section_id "
                  "WHERE a.id IN {}",
                  in),
      params);
  if (!sections.ok()) return sections.error();
  for (const auto& r : *sections) out[r.Int(0)].section = SectionFrom(r, 1);
  auto authors = db_.Query(
      fmt::format("SELECT aa.article_id, aa.credit, au.id, au.slug, au.name, au.bio, "
                  "au.role_title, au.user_id, au.photo FROM article_authors aa JOIN authors au ON "
                  "au.id = aa.author_id WHERE aa.article_id IN {} ORDER BY aa.article_id, "
                  "aa.position",
                  in),
      params);
  if (!authors.ok()) return authors.error();
  for (const auto& r : *authors) out[r.Int(0)].authors.push_back({AuthorFrom(r, 2), r.Text(1)});
  auto tags = db_.Query(
      fmt::format("SELECT l.article_id, t.id, t.slug, t.name FROM article_tags l JOIN tags t "
                  "ON t.id = l.tag_id WHERE l.article_id IN {} ORDER BY l.article_id, t.name",
                  in),
      params);
  if (!tags.ok()) return tags.error();
  for (const auto& r : *tags) out[r.Int(0)].tags.push_back(TagFrom(r, 1));
  return out;
}

core::Result<void> WritePlacement(store::Executor& tx, int64_t article_id,
                                  const ResolvedFiling& filing) {
  DL_TRY(tx.Run("UPDATE articles SET section_id = ?, lead_image = ? WHERE id = ?",
                {store::OrNull(filing.section_id), filing.lead_image, article_id}));
  DL_TRY(tx.Run("DELETE FROM article_authors WHERE article_id = ?", {article_id}));
  int64_t position = 0;
  for (const auto& [author_id, credit] : filing.authors) {
    DL_TRY(tx.Run(
        "INSERT INTO article_authors (article_id, author_id, position, credit) VALUES (?, ?, ?, ?)",
        {article_id, author_id, position++, credit}));
  }
  DL_TRY(tx.Run("DELETE FROM article_tags WHERE article_id = ?", {article_id}));
  for (int64_t tag_id : filing.tag_ids) {
    DL_TRY(tx.Run("INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                  {article_id, tag_id}));
  }
  return {};
}

namespace {

// The id of the row of `table` with `slug`, inserting one (its name and creation time)
// when there is none.
core::Result<int64_t> EnsureNamedRow(store::Executor& tx, std::string_view table,
                                     std::string_view slug, std::string_view name, int64_t now) {
  std::string select = fmt::format("SELECT id FROM {} WHERE slug = ?", table);
  auto found = tx.Query(select, {std::string(slug)});
  if (!found.ok()) return found.error();
  if (!found->empty()) return found->front().Int(0);
  auto row = tx.WriteOne(
      fmt::format("INSERT INTO {} (slug, name, created_at) VALUES (?, ?, ?) RETURNING id", table),
      {std::string(slug), std::string(name), now});
  if (!row.ok()) return row.error();
  return row->Int(0);
}

}  // namespace

core::Result<int64_t> EnsureSection(store::Executor& tx, std::string_view slug,
                                    std::string_view name, int64_t now) {
  auto found = tx.Query("SELECT id FROM sections WHERE slug = ?", {std::string(slug)});
  if (!found.ok()) return found.error();
  if (!found->empty()) return found->front().Int(0);
  auto count = tx.QueryOne("SELECT COUNT(*) FROM sections");
  if (!count.ok()) return count.error();
  if (count->Int(0) >= kMaxSections) {
    return core::Error::InvalidArgument(
        fmt::format("a newspaper has at most {} sections", kMaxSections));
  }
  return EnsureNamedRow(tx, "sections", slug, name, now);
}

core::Result<int64_t> EnsureTag(store::Executor& tx, std::string_view slug, std::string_view name,
                                int64_t now) {
  return EnsureNamedRow(tx, "tags", slug, name, now);
}

core::Result<int64_t> EnsureAuthor(store::Executor& tx, std::string_view slug,
                                   std::string_view name, int64_t now) {
  return EnsureNamedRow(tx, "authors", slug, name, now);
}

}  // namespace dateline::articles
