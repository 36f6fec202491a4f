#pragma once
// The sections, tags, authors, article_authors and article_tags tables (and articles'
// section_id): the only place that writes their SQL. Every change readers could see bumps
// the content generation in the same transaction, so cached pages follow it.

#include <map>
#include <optional>
#include <vector>

#include "articles/structure.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::articles {

class StructureStore {
 public:
  explicit StructureStore(store::Db& db) : db_(db) {}

  // Sections are few (kMaxSections): read whole, in their order.
  core::Result<std::vector<Section>> Sections();
  core::Result<std::optional<Section>> FindSection(std::string_view slug);
  // kAlreadyExists when the slug is taken; kNotFound when `s.id` names no section.
  core::Result<Section> SaveSection(const Section& s, int64_t now);
  core::Result<void> DeleteSection(int64_t id);

  // By slug, after `after_slug` (empty: from the first).
  core::Result<std::vector<Tag>> Tags(std::string_view after_slug, int limit);
  core::Result<int64_t> CountTags();
  core::Result<std::optional<Tag>> FindTag(std::string_view slug);
  core::Result<Tag> SaveTag(const Tag& t, int64_t now);
  core::Result<void> DeleteTag(int64_t id);
  // The tags with these names' slugs, created when missing, in the order given.
  core::Result<std::vector<int64_t>> TagIds(const std::vector<Tag>& wanted, int64_t now);

  core::Result<std::vector<Author>> Authors(std::string_view after_slug, int limit);
  core::Result<int64_t> CountAuthors();
  core::Result<std::optional<Author>> FindAuthor(std::string_view slug);
  // The author whose name is `name` (without case, ASCII) or whose slug is `name`.
  core::Result<std::optional<Author>> FindAuthorByName(std::string_view name);
  core::Result<std::optional<Author>> FindAuthorOfUser(int64_t user_id);
  core::Result<std::optional<Author>> FindAuthorById(int64_t id);
  core::Result<Author> SaveAuthor(const Author& a, int64_t now);
  core::Result<void> DeleteAuthor(int64_t id);

  core::Result<FrontPlan> Front();
  // Replaces the plan in one transaction; a story or section that no longer exists is
  // kNotFound.
  core::Result<void> SaveFront(const FrontPlan& plan);
  // The story published (or scheduled) at `slug`, not in the trash.
  core::Result<std::optional<int64_t>> PublishedStoryId(std::string_view slug);

  // What these stories have: section, authors in order, tags by name.
  core::Result<std::map<int64_t, Placement>> PlacementsOf(const std::vector<int64_t>& article_ids);

 private:
  store::Db& db_;
};

// Replaces story `article_id`'s section, authors and tags (inside the caller's
// transaction: ArticleStore calls it when a save carries a filing).
core::Result<void> WritePlacement(store::Executor& tx, int64_t article_id,
                                  const ResolvedFiling& filing);

inline constexpr int kMaxSections = 100;

// For imports, inside the caller's transaction: the id of the section, tag or author with
// `slug`, made with `name` when there is none. A section past kMaxSections is
// kInvalidArgument.
core::Result<int64_t> EnsureSection(store::Executor& tx, std::string_view slug,
                                    std::string_view name, int64_t now);
core::Result<int64_t> EnsureTag(store::Executor& tx, std::string_view slug, std::string_view name,
                                int64_t now);
core::Result<int64_t> EnsureAuthor(store::Executor& tx, std::string_view slug,
                                   std::string_view name, int64_t now);

}  // namespace dateline::articles
