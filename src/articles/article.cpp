#include "articles/article.hpp"

namespace dateline::articles {

const char* AccessName(Access a) {
  switch (a) {
    case Access::kFree:
      return "free";
    case Access::kRegistered:
      return "registered";
    case Access::kSubscribers:
      return "subscribers";
  }
  return "free";
}

std::optional<Access> ParseAccess(std::string_view text) {
  if (text == "free") return Access::kFree;
  if (text == "registered") return Access::kRegistered;
  if (text == "subscribers") return Access::kSubscribers;
  return std::nullopt;
}

}  // namespace dateline::articles
