#pragma once
// The newspaper's structure around its stories, as values: sections (a story is in one),
// tags (many per story) and authors (people, credited on stories in order). No I/O here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace dateline::articles {

struct Section {
  int64_t id = 0;
  std::string slug;
  std::string name;         // "Business"
  std::string description;  // under the section front's heading
  int64_t position = 0;     // the order in the navigation and on the front page
  bool opinion = false;     // its stories are labelled Opinion
  bool in_navigation = true;
};

struct Tag {
  int64_t id = 0;
  std::string slug;
  std::string name;
};

struct Author {
  int64_t id = 0;
  std::string slug;
  std::string name;
  std::string bio;                 // a sentence or two, plain text
  std::string role_title;          // "Geneva correspondent"
  std::optional<int64_t> user_id;  // the staff account that is this person, if any
  std::string photo;               // a media image's key, or empty
};

// One author on one story: "Reporting by", "Photographs by", or empty (the byline).
struct Credit {
  Author author;
  std::string credit;
};

// Where a story is and who is credited, as readers see it.
struct Placement {
  std::optional<Section> section;
  std::vector<Credit> authors;  // in the order given
  std::vector<Tag> tags;        // by name
  std::string lead_image;       // a media image's key, or empty
};

// Where a story goes and who is credited, as the newsroom types it (the editor's fields
// and an article file's front matter): a section's name or slug; authors as names or
// slugs, each optionally after a credit ending in " by" ("Photographs by Ann Lee"),
// separated by commas; tags by name, separated by commas.
struct Filing {
  std::string section;
  std::string authors;
  std::string tags;
  std::string lead_image;  // an image's key from the media library, or empty
};

// A filing's authors, one entry each: the name (or slug) and the credit.
struct NamedCredit {
  std::string name;
  std::string credit;
};
core::Result<std::vector<NamedCredit>> ParseAuthorList(std::string_view text);
// Tag names, without repeats (compared by slug).
core::Result<std::vector<std::string>> ParseTagList(std::string_view text);
// The filing's text for what a story has now (the editor fills its fields with it).
Filing FilingOf(const Placement& placement);

// A filing with names resolved to ids, for the store.
struct ResolvedFiling {
  std::optional<int64_t> section_id;
  std::vector<std::pair<int64_t, std::string>> authors;  // author id, credit
  std::vector<int64_t> tag_ids;
  std::string lead_image;
};

// Whether `key` has the shape of an image's key (32 lowercase hex digits).
bool LooksLikeImageKey(std::string_view key);

// The front page as editors arrange it: stories pinned in order (the first is the lead,
// the next the top stories), and the sections shown as blocks below, in order. What is
// not pinned falls back to newest first.
struct FrontPlan {
  std::vector<int64_t> pinned;    // story ids
  std::vector<int64_t> sections;  // section ids
};
inline constexpr size_t kMaxPinned = 9;
inline constexpr size_t kMaxFrontSections = 8;

inline constexpr size_t kMaxStructureName = 80;
inline constexpr size_t kMaxStructureText = 1000;  // a bio, a section's description
inline constexpr size_t kMaxAuthorsPerStory = 10;
inline constexpr size_t kMaxTagsPerStory = 20;
inline constexpr size_t kMaxCredit = 40;

}  // namespace dateline::articles
