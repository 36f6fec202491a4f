#pragma once
// The masthead's section links, on every page whatever its domain. The kit sees only
// links; web/articles/ says which (the sections in the navigation, in their order).

#include <string>
#include <vector>

#include "core/result.hpp"

namespace dateline::web {

struct NavLink {
  std::string name;
  std::string url;
};

class Navigation {
 public:
  virtual ~Navigation() = default;
  virtual core::Result<std::vector<NavLink>> Links() const = 0;
};

}  // namespace dateline::web
