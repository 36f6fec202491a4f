#pragma once
// The one place that decides where a Markdown body divides: the paywall's free part, the
// front-page excerpt and search snippets all come from here, and all walk the document
// cmark parsed, never the text. Why: CommonMark ends a block at a line holding only
// spaces or tabs, at "\r" line ends, after a fence... A cut that counts "\n\n" sends a
// subscribers-only story whole to everyone when its paragraphs are separated otherwise
// (text pasted from a word processor). Here a block is what cmark says it is, and a cut
// never splits one.

#include <string>
#include <string_view>
#include <vector>

namespace dateline::articles {

struct MarkdownBlock {
  int first_line = 0;  // 1-based, as cmark numbers them
  int last_line = 0;
  bool paragraph = false;
  std::string text;  // the block's words as plain text (no markup), lines joined by spaces
};

// The top-level blocks of `markdown`, in order. Link reference definitions are not blocks.
std::vector<MarkdownBlock> TopLevelBlocks(std::string_view markdown);

// The source of the first `count` top-level blocks, ending at the last line of the last
// of them: no byte of any later block (count <= 0: empty; more than there are: all).
std::string LeadingBlocks(std::string_view markdown, int count);

// The plain text of the first paragraph, for excerpts; empty if there is none.
std::string FirstParagraphText(std::string_view markdown);

// The plain text of the first block whose text contains `needle_lower` (ASCII case-
// insensitive), for search snippets; empty if none does.
std::string BlockTextContaining(std::string_view markdown, std::string_view needle_lower);

}  // namespace dateline::articles
