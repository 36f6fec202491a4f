#include "web/api/story_fields.hpp"

#include "web/api/api_kit.hpp"

namespace dateline::web {

std::optional<http::Response> ReadStoryFields(const boost::json::object& body,
                                              articles::ArticleDraft& d, articles::Filing& filing) {
  struct Text {
    const char* name;
    std::string* into;
  } texts[] = {{"headline", &d.headline},
               {"dek", &d.dek},
               {"dateline", &d.dateline},
               {"byline", &d.byline},
               {"slug", &d.slug},
               {"body_markdown", &d.body_markdown},
               {"section", &filing.section},
               {"lead_image", &filing.lead_image}};
  for (auto& t : texts) {
    auto v = StringField(body, t.name, *t.into);
    if (!v) return FieldRefused(t.name);
    *t.into = std::move(*v);
  }
  auto access = StringField(body, "access", articles::AccessName(d.access));
  if (!access || !articles::ParseAccess(*access)) {
    return JsonError(400, "invalid_argument",
                     "access is \"free\", \"registered\" or \"subscribers\".");
  }
  d.access = *articles::ParseAccess(*access);
  // Authors and tags: lists of names (or slugs), as the editor's fields take them.
  for (const char* name : {"authors", "tags"}) {
    const boost::json::value* v = body.if_contains(name);
    if (!v) continue;
    if (!v->is_array()) return FieldRefused(name);
    std::string joined;
    for (const auto& item : v->as_array()) {
      if (!item.is_string()) return FieldRefused(name);
      joined += (joined.empty() ? "" : ", ") + std::string(item.as_string());
    }
    (std::string_view(name) == "authors" ? filing.authors : filing.tags) = joined;
  }
  return std::nullopt;
}

}  // namespace dateline::web
