#include "web/json_ld.hpp"

#include <fmt/format.h>

#include "core/time_format.hpp"

namespace dateline::web {

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '<':
      case '>':
      case '&':
        out += fmt::format("\\u{:04x}", c);
        break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

std::string NewsArticleJsonLd(const articles::Article& a, const std::string& url,
                              const std::string& publisher) {
  return fmt::format(
      "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\","
      "\"@type\":\"NewsArticle\",\"headline\":{},\"description\":{},"
      "\"datePublished\":{},\"dateModified\":{},\"mainEntityOfPage\":{},"
      "\"author\":{{\"@type\":\"Organization\",\"name\":{}}},"
      "\"publisher\":{{\"@type\":\"Organization\",\"name\":{}}},"
      "\"isAccessibleForFree\":{}{}}}</script>\n",
      JsonString(a.headline), JsonString(a.dek), JsonString(core::FormatIso8601(a.published_at)),
      JsonString(core::FormatIso8601(std::max(a.updated_at, a.published_at))), JsonString(url),
      JsonString(a.byline.empty() ? publisher : a.byline), JsonString(publisher),
      a.access == articles::Access::kFree ? "true" : "false",
      // Google's paywalled-content markup: the part only readers with access receive.
      a.access == articles::Access::kFree
          ? ""
          : ",\"hasPart\":{\"@type\":\"WebPageElement\",\"isAccessibleForFree\":false,"
            "\"cssSelector\":\".paywalled-content\"}");
}

}  // namespace dateline::web
