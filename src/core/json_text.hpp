#pragma once
// One string as a JSON string literal, safe inside an HTML <script> block and in
// Server-Sent Events: quotes, backslashes and control characters escaped, and '<', '>' and
// '&' written as \u escapes.

#include <string>
#include <string_view>

namespace dateline::core {

std::string JsonString(std::string_view text);

}  // namespace dateline::core
