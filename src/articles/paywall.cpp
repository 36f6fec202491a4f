#include "articles/paywall.hpp"

namespace dateline::articles {

Reader ReaderFor(const accounts::User* user, bool subscribed) {
  if (!user) return {};
  return {true, subscribed || user->role != accounts::Role::kReader};
}

bool CanReadInFull(const Article& article, const Reader& reader) {
  switch (article.access) {
    case Access::kFree:
      return true;
    case Access::kRegistered:
      return reader.signed_in;
    case Access::kSubscribers:
      return reader.digital_access;
  }
  return false;  // an unknown level fails closed
}

std::string PublicMarkdown(const Article& article, int free_paragraphs) {
  return article.access == Access::kFree ? article.body_markdown
                                         : FreePortion(article.body_markdown, free_paragraphs);
}

std::string FreePortion(std::string_view markdown, int paragraphs) {
  std::string out;
  int taken = 0;
  size_t pos = 0;
  while (taken < paragraphs && pos < markdown.size()) {
    while (pos < markdown.size() && markdown[pos] == '\n') ++pos;
    if (pos >= markdown.size()) break;
    size_t end = markdown.find("\n\n", pos);
    if (end == std::string_view::npos) end = markdown.size();
    out.append(markdown.substr(pos, end - pos)).append("\n\n");
    ++taken;
    pos = end;
  }
  return out;
}

}  // namespace dateline::articles
