#include "web/articles/section_navigation.hpp"

namespace dateline::web {

core::Result<std::vector<NavLink>> SectionNavigation::Links() const {
  auto sections = structure_.Sections();
  if (!sections.ok()) return sections.error();
  std::vector<NavLink> links;
  for (const auto& s : *sections) {
    if (s.in_navigation) links.push_back({s.name, "/section/" + s.slug});
  }
  return links;
}

}  // namespace dateline::web
