#pragma once
// The one check of a short line of text a person typed (a name, a caption, a credit):
// trimmed in place, valid UTF-8 with no control or invisible characters, present when
// required, and at most `max` characters. The refusal names the field for readers.

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace dateline::core {

core::Result<void> CheckLineOfText(std::string_view field, std::string& value, size_t max,
                                   bool required);

}  // namespace dateline::core
