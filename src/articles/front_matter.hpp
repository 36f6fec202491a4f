#pragma once
// Reads an article file: a front-matter block between two "---" lines, then Markdown.
//
//   ---
//   headline: Kerry, Lavrov report progress toward renewing Syria truce
//   dateline: GENEVA
//   byline: By Matthew Lee, Associated Press
//   slug: kerry-lavrov-syria-truce      (optional: derived from the headline)
//   access: free                        (free | registered | subscribers)
//   published: 2016-08-26T21:05:00Z     (optional: now)
//   dek: ...                            (optional)
//   status: published                   (optional: draft | review | published)
//   update: true                        (optional: replace the story with this slug)
//   id: 42                              (optional: replace the story with this id)
//   section: Politics                   (optional: a section's name or slug)
//   authors: Jane Roe, Photographs by Ann Lee   (optional: names or slugs, with credits)
//   tags: Syria, United Nations         (optional)
//   image: 3f2a...                      (optional: the lead image's key, from `image add`)
//   ---
//   Body in Markdown.
//
// Every problem is reported with the line it is on, and nothing is half-accepted.

#include <optional>
#include <string_view>

#include "articles/article.hpp"
#include "core/result.hpp"

namespace dateline::articles {

// What a file asks for: the story's text, and how it meets the stories already there. A
// file never replaces a story by accident: without `update: true` or an `id`, a slug in
// use is refused.
struct ArticleFile {
  ArticleDraft draft;
  std::optional<Status> status;  // unset: published (scheduled if `published` is later)
  bool update = false;
  std::optional<int64_t> id;
  // Set when the file names a section, authors or tags: then it sets all three (a key
  // left out empties that part); a file naming none leaves a story's filing as it is.
  std::optional<Filing> filing;
};

core::Result<ArticleFile> ParseArticleFile(std::string_view text);

}  // namespace dateline::articles
