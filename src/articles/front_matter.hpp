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
//   ---
//   Body in Markdown.
//
// Every problem is reported with the line it is on, and nothing is half-accepted.

#include <string_view>

#include "articles/article.hpp"
#include "core/result.hpp"

namespace dateline::articles {

core::Result<ArticleDraft> ParseArticleFile(std::string_view text);

}  // namespace dateline::articles
