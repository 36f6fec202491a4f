#pragma once
// Structured data (schema.org JSON-LD) for article pages. The output is safe to place in
// a <script type="application/ld+json"> block: '<', '>' and '&' are escaped.

#include <string>
#include <string_view>
#include <vector>

#include "articles/article.hpp"

namespace dateline::articles {

// `corrections` become schema.org's "correction" (CorrectionComment), oldest first.
std::string NewsArticleJsonLd(const Article& article, const std::string& url,
                              const std::string& publisher,
                              const std::vector<Correction>& corrections = {});

}  // namespace dateline::articles
