#pragma once
// One table per enum of its values' names (as stored and as logged), read both ways: the
// name of a value, and the value a name stands for. Replaces a switch and a loop per enum.
//
//   constexpr core::EnumNames<Role, 2> kRoles{{{{Role::kReader, "reader"}, ...}}};
//   kRoles.Name(Role::kReader) == "reader";  kRoles.Parse("reader") == Role::kReader

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace dateline::core {

template <typename Enum, size_t N>
struct EnumNames {
  std::array<std::pair<Enum, const char*>, N> names;

  // The value's name; the first entry's for a value not in the table (a cast from a bad
  // integer), so nothing reads past the table.
  constexpr const char* Name(Enum value) const {
    for (const auto& [v, name] : names) {
      if (v == value) return name;
    }
    return names[0].second;
  }
  constexpr std::optional<Enum> Parse(std::string_view text) const {
    for (const auto& [v, name] : names) {
      if (text == name) return v;
    }
    return std::nullopt;
  }
};

}  // namespace dateline::core
