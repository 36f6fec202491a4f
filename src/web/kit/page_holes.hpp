#pragma once
// A page rendered once for many signed-in readers, with holes where each reader's own
// parts go (their name in the masthead, their form token, the comments as they see them).
// The page is cached as a fragment; each request only fills the holes.
//
// A hole is a mark no content can forge: it carries a random value made at start, so a
// story that happened to contain a hole's name would not receive a reader's token.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline::web {

// The mark for the hole `name` ("csrf"), to render where that reader's part goes.
std::string Hole(std::string_view name);

// `page` with each hole replaced by its filling (`fillings`: name, then what goes there,
// inserted as given: escape it first if it is text). Unknown holes are left out.
std::string FillHoles(std::string_view page,
                      const std::vector<std::pair<std::string_view, std::string_view>>& fillings);

}  // namespace dateline::web
