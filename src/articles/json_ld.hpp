#pragma once
// Structured data (schema.org JSON-LD) for article pages. The output is safe to place in
// a <script type="application/ld+json"> block: '<', '>' and '&' are escaped.

#include <string>
#include <string_view>
#include <vector>

#include "articles/article.hpp"
#include "articles/structure.hpp"

namespace dateline::articles {

// What the block says besides the story itself.
struct JsonLdContext {
  std::string url;                      // the story's address
  std::string site_url;                 // "https://example.org": authors' pages hang off it
  std::string publisher;                // the site's name: a NewsMediaOrganization
  Placement placement;                  // authors become Person (with their page), the section
  std::vector<Correction> corrections;  // CorrectionComment, oldest first
  std::string image_url;                // the lead image for sharing, absolute; may be empty
  int image_width = 0;
  int image_height = 0;
};

std::string NewsArticleJsonLd(const Article& article, const JsonLdContext& context);

}  // namespace dateline::articles
