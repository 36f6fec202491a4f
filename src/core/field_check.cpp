#include "core/field_check.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace dateline::core {

core::Result<void> CheckLineOfText(std::string_view field, std::string& value, size_t max,
                                   bool required) {
  value = std::string(Trim(value));
  if (!IsValidUtf8(value) || HasInvisibleOrControl(value)) {
    return Error::InvalidArgument(fmt::format("{} not plain text", field))
        .WithReader(fmt::format("The {} must be plain text on one line.", field));
  }
  if (required && value.empty()) {
    return Error::InvalidArgument(fmt::format("{} required", field))
        .WithReader(fmt::format("The {} is required.", field));
  }
  if (CodePointCount(value) > max) {
    return Error::InvalidArgument(fmt::format("{} too long", field))
        .WithReader(fmt::format("The {} is at most {} characters.", field, max));
  }
  return {};
}

}  // namespace dateline::core
