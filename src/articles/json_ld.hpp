#pragma once
// Structured data (schema.org JSON-LD) for article pages. The output is safe to place in
// a <script type="application/ld+json"> block: '<', '>' and '&' are escaped.

#include <string>
#include <string_view>

#include "articles/article.hpp"

namespace dateline::articles {

std::string NewsArticleJsonLd(const Article& article, const std::string& url,
                              const std::string& publisher);

}  // namespace dateline::articles
