#pragma once
// The one way a story's Markdown is parsed: cmark-gfm with GitHub's table, strikethrough,
// autolink and tag-filter extensions, in safe mode (raw HTML and dangerous URLs dropped).
// The renderer and the block cuts (markdown_blocks) share it, so a cut always falls
// between the blocks the page will show.

#include <memory>
#include <string>
#include <string_view>

struct cmark_node;

namespace dateline::articles {

struct CmarkNodeDeleter {
  void operator()(cmark_node* n) const;
};
using CmarkDocument = std::unique_ptr<cmark_node, CmarkNodeDeleter>;

CmarkDocument ParseMarkdown(std::string_view markdown);
// The document as HTML, with the extensions' renderers.
std::string RenderDocument(cmark_node* document);

}  // namespace dateline::articles
