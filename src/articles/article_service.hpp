#pragma once
// What web/ and the CLI call for articles. Readers' side: finds what is live, lists it by
// cursor, searches it. Newsroom's side: writes, saves, moves through the workflow,
// trashes and restores stories, each for an actor whose capabilities the service checks
// (story_rules.hpp) before anything is written. Thread-safe (the store is).

#include <functional>
#include <optional>
#include <vector>

#include "accounts/actor.hpp"
#include "articles/article.hpp"
#include "articles/article_store.hpp"
#include "articles/front_matter.hpp"
#include "articles/page.hpp"
#include "articles/preview_links.hpp"
#include "articles/structure_service.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace dateline::articles {

// What a reader's address finds.
struct Lookup {
  std::optional<Article> article;  // live: show it
  std::string moved_to;            // the story's slug now: redirect (301)
  bool gone = false;               // unpublished or in the trash: 410
};

// What a reader asks search for: words and "phrases", and narrowing.
struct SearchRequest {
  std::string query;
  std::optional<int64_t> section_id;
  std::optional<int64_t> author_id;
  std::optional<int64_t> from;   // published at or after
  std::optional<int64_t> until;  // published before
  bool newest_first = false;     // else by relevance
};

struct SearchHit {
  Article article;
  std::string snippet_html;  // escaped text with <mark>ed matches; may be empty
};

// How deep search results page (relevance has no stable position to walk from).
inline constexpr int kMaxSearchDepth = 1000;

class ArticleService {
 public:
  // Stories stay in the trash this long before they are deleted for good.
  static constexpr int64_t kTrashSeconds = 30 * 86400;

  // Preview links need the server's key; without one they are refused (kUnavailable).
  ArticleService(ArticleStore& store, const core::Clock& clock,
                 const core::SecretKey* preview_key = nullptr)
      : store_(store), clock_(clock), preview_key_(preview_key) {}

  // --- readers ---------------------------------------------------------------------------
  // The article if it is live; nullopt otherwise (drafts and scheduled ones stay hidden).
  core::Result<std::optional<Article>> FindPublished(std::string_view slug);
  core::Result<std::optional<Article>> FindPublishedById(int64_t id);
  // These stories in the order given, leaving out any that readers cannot see now.
  core::Result<std::vector<Article>> LiveInOrder(const std::vector<int64_t>& ids);
  // What `slug` answers for readers: the story, a redirect, gone, or nothing (404).
  core::Result<Lookup> LookUp(std::string_view slug);
  // The sitemap: groups of `per_group` ids holding live stories, and one group's stories.
  core::Result<std::vector<SitemapGroup>> SitemapGroups(int64_t per_group);
  core::Result<std::vector<SitemapEntry>> SitemapEntries(int64_t group, int64_t per_group);
  // One page of live stories, newest first. `cursor` is empty for the first page, or a
  // page's `next`; a cursor that is not one of ours is kInvalidArgument.
  core::Result<Page<Article>> ListPublishedPage(std::string_view cursor, int limit,
                                                Total total = Total::kCount);
  // The same for one shelf: a section's, a tag's or an author's stories, or a month's.
  core::Result<Page<Article>> ListShelfPage(const Shelf& shelf, std::string_view cursor, int limit);
  // The newest `limit` stories of a shelf, without counting the shelf (a feed or a
  // section's block on the front page shows no total).
  core::Result<std::vector<Article>> LatestOnShelf(const Shelf& shelf, int limit);
  // Months with live stories ("2026-11", UTC) and how many, newest first: the archive.
  core::Result<std::vector<std::pair<std::string, int64_t>>> ArchiveMonths();
  // Live stories matching the reader's words and "phrases", best first (or newest),
  // with a snippet of text the reader may read, the matches marked. The part behind the
  // paywall is searched only for stories the reader reads in full, so a search cannot
  // reveal it word by word. `cursor` is a page's `next`.
  core::Result<Page<SearchHit>> Search(const accounts::Actor& reader, const SearchRequest& request,
                                       std::string_view cursor, int limit);
  // Indexes every story again when the index was made with another free-part length, or
  // never (a new or copied store); `progress` hears (done, total) after each batch.
  // Returns how many stories were indexed.
  core::Result<int64_t> RebuildSearchIndexIfStale(
      const std::function<void(int64_t, int64_t)>& progress = {});
  // How many blocks of a paywalled story everyone may read: what the index cuts at.
  void SetFreeParagraphs(int n) { free_paragraphs_ = n; }
  // When the next scheduled article goes live; pages listing articles expire then.
  core::Result<std::optional<int64_t>> NextScheduledPublication();

  // --- the newsroom ----------------------------------------------------------------------
  // A new story by the actor, as a draft (or `status` if the actor may move it there).
  core::Result<Article> Write(const accounts::Actor& actor, const ArticleDraft& draft,
                              Status status = Status::kDraft);
  // The story for the newsroom (any status, trash included) if the actor may see it.
  core::Result<Article> Open(const accounts::Actor& actor, int64_t id);
  core::Result<Article> OpenBySlug(const accounts::Actor& actor, std::string_view slug);
  // New text for a story, made from revision `base_revision`. kConflict when someone saved
  // since: nothing is lost, the caller shows both texts.
  core::Result<Article> Save(const accounts::Actor& actor, int64_t id, const ArticleDraft& draft,
                             int64_t base_revision);
  // Moves a story through the workflow. `at` is the publication time for kScheduled
  // (required, in the future) and kPublished (optional: now); `note` is recorded.
  core::Result<Article> Move(const accounts::Actor& actor, int64_t id, Status to,
                             std::optional<int64_t> at = std::nullopt,
                             const std::string& note = {});
  core::Result<void> Trash(const accounts::Actor& actor, int64_t id);
  core::Result<void> Untrash(const accounts::Actor& actor, int64_t id);
  // The newsroom's list, most recently changed first, only stories the actor may see.
  core::Result<Page<Article>> ListNewsroom(const accounts::Actor& actor, NewsroomFilter filter,
                                           std::string_view cursor, int limit);
  core::Result<Page<Revision>> Revisions(const accounts::Actor& actor, int64_t id,
                                         std::string_view cursor, int limit);
  core::Result<Revision> OpenRevision(const accounts::Actor& actor, int64_t id,
                                      int64_t revision_id);
  // Makes an old revision's text the story's text again, as a new revision.
  core::Result<Article> RestoreRevision(const accounts::Actor& actor, int64_t id,
                                        int64_t revision_id);
  core::Result<std::vector<Transition>> History(const accounts::Actor& actor, int64_t id);
  // A link that shows this story to someone without an account for `ttl_seconds` (an
  // hour to 30 days), for staff who may see the story.
  core::Result<PreviewLink> ShareablePreview(const accounts::Actor& actor, int64_t id,
                                             int64_t ttl_seconds);
  // The story a preview link shows, or kNotFound for a link that is not one of ours, has
  // expired, or names a story in the trash (the same answer for each: no oracle).
  core::Result<Article> OpenPreview(int64_t id, int64_t expires_at, std::string_view signature);
  // Appends a correction or clarification (plain text) to a story readers have seen.
  core::Result<Correction> Correct(const accounts::Actor& actor, int64_t id, CorrectionKind kind,
                                   const std::string& text);
  // A story's corrections, oldest first (public: they are printed under the story).
  core::Result<std::vector<Correction>> CorrectionsOf(int64_t article_id);
  // Corrections to live stories, newest first, by cursor (the /corrections page and feed).
  core::Result<Page<std::pair<Correction, Article>>> RecentCorrections(std::string_view cursor,
                                                                       int limit);

  // A story from a file (the CLI, first start): new, or replacing the story the file names
  // by `id`, or by its slug with `update: true`. A slug in use is refused otherwise.
  struct Imported {
    Article article;
    bool created = false;
  };
  // A file naming a section, authors or tags is filed through `structure` (after the
  // text is checked, so a refused file creates no author or tag).
  core::Result<Imported> Import(const accounts::Actor& actor, const ArticleFile& file,
                                StructureService& structure);

  // --- the editor's script --------------------------------------------------------------
  // Keeps what the actor is typing in the story's editor: no revision, no rule beyond the
  // text being UTF-8 within the fields' limits. Returns when it was kept.
  core::Result<int64_t> AutosaveText(const accounts::Actor& actor, int64_t id,
                                     const ArticleDraft& text, int64_t base_revision);
  // The actor's autosaved text of the story, when it is newer than the story's last save.
  core::Result<std::optional<Autosave>> AutosaveOf(const accounts::Actor& actor, int64_t id);
  core::Result<void> DiscardAutosave(const accounts::Actor& actor, int64_t id);
  // Marks the actor as having the story open and says who else has (seen in the last
  // kPresenceSeconds).
  static constexpr int64_t kPresenceSeconds = 60;
  core::Result<std::vector<int64_t>> Heartbeat(const accounts::Actor& actor, int64_t id);

  // --- jobs ------------------------------------------------------------------------------
  // Scheduled stories whose time has come become published, once across nodes.
  core::Result<std::vector<int64_t>> PublishDue();
  // Deletes stories in the trash for longer than kTrashSeconds, and old heartbeats.
  core::Result<int64_t> EmptyTrash();

  static core::Result<void> Validate(const ArticleDraft& draft);
  // Whether the actor has a desk in the newsroom at all (writes or edits stories).
  static core::Result<void> MayUseNewsroom(const accounts::Actor& actor);

 private:
  core::Result<Article> Found(core::Result<std::optional<Article>> found);

  ArticleStore& store_;
  const core::Clock& clock_;
  const core::SecretKey* preview_key_;
  int free_paragraphs_ = 2;
};

}  // namespace dateline::articles
