#pragma once
// Who may read an article's full text, and what the others get: the first paragraphs.
// The cut is made on the Markdown, before rendering, so hidden text never reaches the
// HTML of a reader without access.

#include <string>
#include <string_view>

#include "accounts/actor.hpp"
#include "articles/article.hpp"

namespace dateline::articles {

// What the reader brings: nothing (anonymous), an account, and whether it carries digital
// access (staff always do; subscriptions arrive with the subscriptions issue).
struct Reader {
  bool signed_in = false;
  bool digital_access = false;
};

// What the actor brings: signed in or not, and digital access (by role or subscription).
Reader ReaderFor(const accounts::Actor& actor);

bool CanReadInFull(const Article& article, const Reader& reader);

// What everyone may read of the body: all of it for a free article, the first paragraphs
// otherwise. Feeds, sitemaps, search and the anonymous API use only this.
std::string PublicMarkdown(const Article& article, int free_paragraphs);

// The first `paragraphs` top-level blocks of a Markdown body, as cmark parses it (see
// markdown_blocks.hpp): never a byte of a later block.
std::string FreePortion(std::string_view markdown, int paragraphs);

}  // namespace dateline::articles
