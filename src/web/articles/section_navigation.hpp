#pragma once
// The masthead's links for the kit: the sections an editor put in the navigation, in
// their order, each to its front.

#include "articles/structure_service.hpp"
#include "web/kit/navigation.hpp"

namespace dateline::web {

class SectionNavigation : public Navigation {
 public:
  explicit SectionNavigation(articles::StructureService& structure) : structure_(structure) {}
  core::Result<std::vector<NavLink>> Links() const override;

 private:
  articles::StructureService& structure_;
};

}  // namespace dateline::web
