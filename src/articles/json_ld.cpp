#include "articles/json_ld.hpp"

#include <fmt/format.h>

#include "core/json_text.hpp"
#include "core/time_format.hpp"

namespace dateline::articles {

std::string NewsArticleJsonLd(const Article& a, const std::string& url,
                              const std::string& publisher,
                              const std::vector<Correction>& corrections) {
  std::string correction;
  if (!corrections.empty()) {
    correction = ",\"correction\":[";
    for (size_t i = 0; i < corrections.size(); ++i) {
      const Correction& c = corrections[i];
      correction += fmt::format(
          "{}{{\"@type\":\"CorrectionComment\",\"text\":{},\"datePublished\":{}}}", i ? "," : "",
          core::JsonString(std::string(c.kind == CorrectionKind::kCorrection ? "Correction: "
                                                                             : "Clarification: ") +
                           c.body),
          core::JsonString(core::FormatIso8601(c.created_at)));
    }
    correction += "]";
  }
  return fmt::format(
      "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\","
      "\"@type\":\"NewsArticle\",\"headline\":{},\"description\":{},"
      "\"datePublished\":{},\"dateModified\":{},\"mainEntityOfPage\":{},"
      "\"author\":{{\"@type\":\"Organization\",\"name\":{}}},"
      "\"publisher\":{{\"@type\":\"Organization\",\"name\":{}}},"
      "\"isAccessibleForFree\":{}{}{}}}</script>\n",
      core::JsonString(a.headline), core::JsonString(a.dek),
      core::JsonString(core::FormatIso8601(a.published_at)),
      core::JsonString(core::FormatIso8601(std::max(a.updated_at, a.published_at))),
      core::JsonString(url), core::JsonString(a.byline.empty() ? publisher : a.byline),
      core::JsonString(publisher), a.access == Access::kFree ? "true" : "false",
      // Google's paywalled-content markup: the part only readers with access receive.
      a.access == Access::kFree
          ? ""
          : ",\"hasPart\":{\"@type\":\"WebPageElement\",\"isAccessibleForFree\":false,"
            "\"cssSelector\":\".paywalled-content\"}",
      correction);
}

}  // namespace dateline::articles
