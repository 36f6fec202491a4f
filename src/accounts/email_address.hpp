#pragma once
// Email addresses as accounts use them: trimmed and lowercased, and checked for a shape
// mail servers accept (not full RFC 5322: no quoted local parts, no IP literals).

#include <optional>
#include <string>
#include <string_view>

namespace dateline::accounts {

// The normalized address, or nullopt when it is not one we accept.
std::optional<std::string> NormalizeEmail(std::string_view input);

}  // namespace dateline::accounts
