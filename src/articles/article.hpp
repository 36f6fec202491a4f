#pragma once
// Articles: the value types. No I/O here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "articles/structure.hpp"

namespace dateline::articles {

// Who may read the full text. Subscriptions and the paywall arrive later; the level is
// stored now so articles published today keep their intent.
enum class Access { kFree, kRegistered, kSubscribers };

const char* AccessName(Access a);
std::optional<Access> ParseAccess(std::string_view text);

// Where a story is in the newsroom's workflow:
//   draft -> review -> scheduled or published -> unpublished
// (see story_rules.hpp for who may move it, and which moves exist). Readers see scheduled
// and published stories once their publication time has come, and never a trashed one.
enum class Status { kDraft, kReview, kScheduled, kPublished, kUnpublished };

const char* StatusName(Status s);
std::optional<Status> ParseStatus(std::string_view text);

struct Article {
  int64_t id = 0;
  std::string slug;
  std::string headline;
  std::string dek;       // the summary line under the headline
  std::string dateline;  // "GENEVA"
  std::string byline;    // "By Matthew Lee, Associated Press"
  std::string body_markdown;
  Access access = Access::kFree;
  Status status = Status::kPublished;
  std::optional<int64_t> author_id;   // the account that wrote it; unset: the operator's import
  int64_t revision_id = 0;            // the revision holding this text: an edit's base
  std::optional<int64_t> deleted_at;  // in the trash since
  int64_t published_at = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;

  // Whether readers see it at `now`.
  bool LiveAt(int64_t now) const {
    return !deleted_at && (status == Status::kPublished || status == Status::kScheduled) &&
           published_at <= now;
  }
};

// What an author hands in: an article without the store's bookkeeping.
// What the sitemap lists of a story, and of a group of stories (by id).
struct SitemapEntry {
  std::string slug;
  int64_t lastmod = 0;  // its latest publication or change
};
struct SitemapGroup {
  int64_t number = 0;
  int64_t lastmod = 0;
};

// Ids to a sitemap file: a fifth of the protocol's 50,000 URLs, so no build holds more
// than a megabyte or two. The store keeps an index for groups of exactly this size
// (migration 35), which gives each group's latest change in one seek.
inline constexpr int64_t kStoriesPerSitemap = 10000;

struct ArticleDraft {
  std::string slug;
  std::string headline;
  std::string dek;
  std::string dateline;
  std::string byline;
  std::string body_markdown;
  Access access = Access::kFree;
  std::optional<int64_t> published_at;  // unset: now
  // The story's section, authors and tags, when this save sets them (unset: unchanged).
  // Not part of a revision: the filing is where the story is, not what it says.
  std::optional<ResolvedFiling> filing;
};

// A story's text as a draft (to edit it), and a draft's text put into a story (to preview
// it as the story would look).
ArticleDraft TextOf(const Article& story);
void ApplyText(Article& story, const ArticleDraft& text);

// A note appended to a published story when it was wrong (a correction) or could be
// misread (a clarification). Shown on the story, on /corrections and in its feed, and in
// the story's structured data. A typo fixed by a plain save adds none.
enum class CorrectionKind { kCorrection, kClarification };
const char* CorrectionKindName(CorrectionKind k);
std::optional<CorrectionKind> ParseCorrectionKind(std::string_view text);

struct Correction {
  int64_t id = 0;
  int64_t article_id = 0;
  CorrectionKind kind = CorrectionKind::kCorrection;
  std::string body;  // plain text
  int64_t created_at = 0;
};

// Limits, so a single field cannot bloat every page.
inline constexpr size_t kMaxHeadline = 300;
inline constexpr size_t kMaxDek = 600;
inline constexpr size_t kMaxByline = 200;
inline constexpr size_t kMaxDateline = 100;
inline constexpr size_t kMaxBodyBytes = 512 * 1024;
inline constexpr size_t kMaxCorrection = 2000;

}  // namespace dateline::articles
