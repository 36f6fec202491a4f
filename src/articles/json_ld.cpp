#include "articles/json_ld.hpp"

#include <fmt/format.h>

#include "core/json_text.hpp"
#include "core/time_format.hpp"

namespace dateline::articles {

namespace {

// The story's authors as schema.org Person, each with their page; a wire story without
// author records is credited to its byline's organization, or the publisher.
std::string AuthorsJson(const Article& a, const JsonLdContext& c) {
  if (c.placement.authors.empty()) {
    return fmt::format("{{\"@type\":\"Organization\",\"name\":{}}}",
                       core::JsonString(a.byline.empty() ? c.publisher : a.byline));
  }
  std::string out = "[";
  for (size_t i = 0; i < c.placement.authors.size(); ++i) {
    const Author& person = c.placement.authors[i].author;
    out += fmt::format(
        "{}{{\"@type\":\"Person\",\"name\":{},\"url\":{}{}}}", i ? "," : "",
        core::JsonString(person.name), core::JsonString(c.site_url + "/author/" + person.slug),
        person.role_title.empty() ? "" : ",\"jobTitle\":" + core::JsonString(person.role_title));
  }
  return out + "]";
}

}  // namespace

std::string NewsArticleJsonLd(const Article& a, const JsonLdContext& context) {
  const std::string& url = context.url;
  const std::string& publisher = context.publisher;
  const std::vector<Correction>& corrections = context.corrections;
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
      "\"author\":{},{}"
      "\"publisher\":{{\"@type\":\"NewsMediaOrganization\",\"name\":{},\"url\":{}}},"
      "\"isAccessibleForFree\":{}{}{}}}</script>\n",
      core::JsonString(a.headline), core::JsonString(a.dek),
      core::JsonString(core::FormatIso8601(a.published_at)),
      core::JsonString(core::FormatIso8601(std::max(a.updated_at, a.published_at))),
      core::JsonString(url), AuthorsJson(a, context),
      (context.placement.section
           ? "\"articleSection\":" + core::JsonString(context.placement.section->name) + ","
           : std::string()) +
          (context.image_url.empty()
               ? std::string()
               : fmt::format("\"image\":{{\"@type\":\"ImageObject\",\"url\":{},\"width\":{},"
                             "\"height\":{}}},",
                             core::JsonString(context.image_url), context.image_width,
                             context.image_height)),
      core::JsonString(publisher), core::JsonString(context.site_url + "/"),
      a.access == Access::kFree ? "true" : "false",
      // Google's paywalled-content markup: the part only readers with access receive.
      a.access == Access::kFree
          ? ""
          : ",\"hasPart\":{\"@type\":\"WebPageElement\",\"isAccessibleForFree\":false,"
            "\"cssSelector\":\".paywalled-content\"}",
      correction);
}

}  // namespace dateline::articles
