#pragma once
// Our SQL uses `?` placeholders (SQLite's); PostgreSQL wants $1, $2, ... This rewrites
// one into the other, leaving string literals, quoted identifiers and comments alone.

#include <string>
#include <string_view>

namespace dateline::store {

std::string NumberPlaceholders(std::string_view sql);

}  // namespace dateline::store
