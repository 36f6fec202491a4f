#include "articles/paywall.hpp"

#include "articles/markdown_blocks.hpp"

namespace dateline::articles {

Reader ReaderFor(const accounts::Actor& actor) {
  return {actor.signed_in(), actor.signed_in() && actor.digital_access};
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
  return LeadingBlocks(markdown, paragraphs);
}

}  // namespace dateline::articles
