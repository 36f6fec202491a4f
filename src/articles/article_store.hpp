#pragma once
// The articles, article_revisions, article_transitions and article_slugs tables. The only
// place that writes their SQL. Each write is one transaction that also bumps the content
// generation when readers could see the change.

#include <map>
#include <optional>
#include <vector>

#include "articles/article.hpp"
#include "articles/search_store.hpp"
#include "audit/audit_store.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::articles {

struct ArticleTitle {
  std::string slug;
  std::string headline;
};

// One saved text of a story. Every save makes one; the newest is the story's text.
struct Revision {
  int64_t id = 0;
  int64_t article_id = 0;
  ArticleDraft text;  // published_at is always set
  std::optional<int64_t> saved_by;
  int64_t created_at = 0;
};

// One move in the workflow. `from` is empty for the story's creation.
struct Transition {
  int64_t id = 0;
  std::string from;
  std::string to;
  std::optional<int64_t> actor_id;
  std::string note;
  int64_t at = 0;
};

// Text an editor's script kept while someone typed, before they saved: per story and
// person, replaced on every autosave, deleted when they save.
struct Autosave {
  int64_t article_id = 0;
  int64_t user_id = 0;
  int64_t base_revision = 0;  // the revision the text was made from
  ArticleDraft text;
  int64_t saved_at = 0;
};

// What the newsroom's list shows: filters and the position after the last row seen.
struct NewsroomFilter {
  std::optional<Status> status;
  std::optional<int64_t> author_id;
  bool trash = false;  // the trash instead of everything else
  std::string words;   // in the headline or slug, without case (ASCII)
};

// Which live stories a reader's list shows: every one, or one section's, tag's or
// author's, or those published in [from, until).
struct Shelf {
  std::optional<int64_t> section_id;
  std::optional<int64_t> tag_id;
  std::optional<int64_t> author_id;
  std::optional<int64_t> from;
  std::optional<int64_t> until;
  std::optional<int64_t> changed_since;  // published or saved at or after
};

class ArticleStore {
 public:
  explicit ArticleStore(store::Db& db) : db_(db), search_(db) {}

  // The full-text index over the same stories (search_store.hpp).
  SearchStore& search() { return search_; }

  core::Result<std::optional<Article>> FindBySlug(std::string_view slug);
  core::Result<std::optional<Article>> FindById(int64_t id);
  // The story that used to answer at `slug` before its slug changed.
  core::Result<std::optional<int64_t>> FindRetiredSlug(std::string_view slug);
  // Slug and headline of these articles, in one query (for lists in other domains).
  core::Result<std::map<int64_t, ArticleTitle>> Titles(const std::vector<int64_t>& ids);

  // The sitemap's view of live stories, by id: groups of ids [n * per_group, (n + 1) *
  // per_group) that hold any, with their latest change; and one group's stories.
  core::Result<std::vector<SitemapGroup>> SitemapGroups(int64_t now, int64_t per_group);
  core::Result<std::vector<SitemapEntry>> SitemapEntries(int64_t now, int64_t first_id,
                                                         int64_t end_id);
  // The next `limit` live stories, newest first, strictly after the position
  // (published_at, id) of the last one seen; from the newest when `after` is unset.
  core::Result<std::vector<Article>> ListPublishedAfter(
      int64_t now, std::optional<std::pair<int64_t, int64_t>> after, int limit);
  core::Result<int64_t> CountPublished(int64_t now);
  // The same walk over one shelf.
  core::Result<std::vector<Article>> ListShelf(int64_t now, const Shelf& shelf,
                                               std::optional<std::pair<int64_t, int64_t>> after,
                                               int limit);
  core::Result<int64_t> CountShelf(int64_t now, const Shelf& shelf);
  // How many live stories were published in each month (UTC), newest first: "2026-11".
  core::Result<std::vector<std::pair<std::string, int64_t>>> MonthsWithStories(int64_t now);
  // These stories, by id (any status).
  core::Result<std::map<int64_t, Article>> FindByIds(const std::vector<int64_t>& ids);
  // The earliest publication time after `now` of a story waiting to go live.
  core::Result<std::optional<int64_t>> NextScheduledAfter(int64_t now);

  // The newsroom's list: most recently changed first, after (updated_at, id) if given.
  core::Result<std::vector<Article>> ListNewsroom(const NewsroomFilter& filter,
                                                  std::optional<std::pair<int64_t, int64_t>> after,
                                                  int limit);
  core::Result<int64_t> CountNewsroom(const NewsroomFilter& filter);

  // A new story with its first revision and its creation recorded. kAlreadyExists (the
  // clash named for readers) when another story has the slug.
  core::Result<Article> Create(const ArticleDraft& draft, Status status,
                               std::optional<int64_t> author_id, const SearchDocument& search,
                               int64_t now);
  // New text for story `id`, saved as a revision. kConflict when the story's revision is
  // no longer `base_revision` (someone saved since); kAlreadyExists when the slug is
  // another story's. A story readers could have seen keeps its old slug as a redirect.
  // `search` replaces the story's search entry in the same transaction.
  core::Result<Article> SaveText(int64_t id, const ArticleDraft& draft, int64_t base_revision,
                                 std::optional<int64_t> saved_by, const SearchDocument& search,
                                 int64_t now);
  // Every story (any status, the trash included) after id `after_id`, by id: for
  // rebuilding what is derived from them.
  core::Result<std::vector<Article>> ListAllAfter(int64_t after_id, int limit);
  core::Result<int64_t> CountAll();
  // Moves story `id` from `from` to `to` (kConflict if it is no longer at `from`),
  // recording the move and, when given, an audit event; `published_at` replaces the
  // publication time when set.
  core::Result<Article> Move(int64_t id, Status from, Status to,
                             std::optional<int64_t> published_at, std::optional<int64_t> actor_id,
                             const std::string& note, const std::optional<audit::Event>& audit,
                             int64_t now);
  // Puts story `id` in the trash (at `deleted_at`) or takes it out (unset).
  core::Result<void> SetTrashed(int64_t id, std::optional<int64_t> deleted_at,
                                const audit::Event& audit);
  // Scheduled stories whose time has come become published, each recorded once however
  // many nodes ask at the same moment. Returns their ids.
  core::Result<std::vector<int64_t>> PublishDue(int64_t now);
  // Deletes stories in the trash since before `before` (their comments go with them).
  core::Result<int64_t> PurgeTrash(int64_t before);

  // Newest first, before revision `before` when given.
  core::Result<std::vector<Revision>> Revisions(int64_t article_id, std::optional<int64_t> before,
                                                int limit);
  core::Result<std::optional<Revision>> FindRevision(int64_t article_id, int64_t revision_id);
  core::Result<int64_t> CountRevisions(int64_t article_id);
  // Newest first.
  core::Result<std::vector<Transition>> Transitions(int64_t article_id, int limit);

  // The editor's script: one autosaved text per story and person (not a revision), and
  // who has a story open (a heartbeat).
  core::Result<void> PutAutosave(const Autosave& autosave);
  core::Result<std::optional<Autosave>> FindAutosave(int64_t article_id, int64_t user_id);
  core::Result<void> DeleteAutosave(int64_t article_id, int64_t user_id);
  core::Result<void> MarkPresent(int64_t article_id, int64_t user_id, int64_t now);
  // Who else marked the story since `since`, at most 20.
  core::Result<std::vector<int64_t>> PresentSince(int64_t article_id, int64_t user_id,
                                                  int64_t since);
  core::Result<int64_t> PrunePresence(int64_t before);

  // Appends a correction and marks the story modified, in one transaction.
  core::Result<Correction> AddCorrection(int64_t article_id, CorrectionKind kind,
                                         const std::string& body, std::optional<int64_t> created_by,
                                         int64_t now);
  // A story's corrections, oldest first.
  core::Result<std::vector<Correction>> CorrectionsOf(int64_t article_id);
  // Corrections to live stories, newest first, after (created_at, id) when given; each
  // with its story.
  core::Result<std::vector<std::pair<Correction, Article>>> RecentCorrections(
      int64_t now, std::optional<std::pair<int64_t, int64_t>> after, int limit);

  // For imports: Create's work inside the caller's transaction (one batch of many
  // stories); returns the new story's id. `now` stands for its creation and last change.
  static core::Result<int64_t> CreateWithin(store::Executor& tx, const ArticleDraft& draft,
                                            Status status, std::optional<int64_t> author_id,
                                            const SearchDocument& search, int64_t now);
  // Whether a story has `slug`, or had it (a retired slug still redirects).
  static core::Result<bool> SlugTakenWithin(store::Executor& tx, std::string_view slug);

 private:
  store::Db& db_;
  SearchStore search_;
};

}  // namespace dateline::articles
