#include "articles/markdown_blocks.hpp"

#include <cmark-gfm.h>

#include <algorithm>
#include <memory>

#include "articles/cmark_document.hpp"
#include "core/text.hpp"

namespace dateline::articles {
namespace {

struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

CmarkDocument Parse(std::string_view markdown) { return ParseMarkdown(markdown); }

// Where each line starts, numbering lines as CommonMark does: a line ends at "\n", "\r\n"
// or a lone "\r". starts[k] is the offset of line k+1; one extra entry marks the end.
std::vector<size_t> LineStarts(std::string_view s) {
  std::vector<size_t> starts{0};
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') {
      starts.push_back(i + 1);
    } else if (s[i] == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      starts.push_back(i + 1);
    }
  }
  if (starts.back() != s.size()) starts.push_back(s.size());
  return starts;
}

// The words of a block: text, code spans and code blocks, breaks as spaces.
std::string PlainText(cmark_node* block) {
  std::string out;
  std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(block));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it.get());
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_CODE_BLOCK:
        if (const char* lit = cmark_node_get_literal(n)) out += lit;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
      case CMARK_NODE_ITEM:
        if (!out.empty() && out.back() != ' ') out += ' ';
        break;
      default:
        break;  // raw HTML is not text a reader sees (safe mode drops it)
    }
  }
  for (char& c : out) c = (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return std::string(core::Trim(out));
}

}  // namespace

std::vector<MarkdownBlock> TopLevelBlocks(std::string_view markdown) {
  std::vector<MarkdownBlock> blocks;
  auto doc = Parse(markdown);
  if (!doc) return blocks;
  for (cmark_node* n = cmark_node_first_child(doc.get()); n; n = cmark_node_next(n)) {
    MarkdownBlock b;
    b.first_line = cmark_node_get_start_line(n);
    b.last_line = cmark_node_get_end_line(n);
    b.paragraph = cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH;
    b.text = PlainText(n);
    blocks.push_back(std::move(b));
  }
  return blocks;
}

std::string LeadingBlocks(std::string_view markdown, int count) {
  if (count <= 0) return "";
  auto blocks = TopLevelBlocks(markdown);
  if (static_cast<size_t>(count) >= blocks.size()) return std::string(markdown);
  std::vector<size_t> starts = LineStarts(markdown);
  auto line_start = [&](int line) {
    size_t k = static_cast<size_t>(std::max(line, 1)) - 1;
    return k < starts.size() ? starts[k] : markdown.size();
  };
  const MarkdownBlock& last = blocks[static_cast<size_t>(count) - 1];
  const MarkdownBlock& next = blocks[static_cast<size_t>(count)];
  // Up to the end of the last kept line, and never into the first line of the next block
  // (should a position ever overlap, the reader gets less, never more).
  size_t end = std::min(line_start(last.last_line + 1), line_start(next.first_line));
  std::string out(markdown.substr(0, end));
  while (!out.empty() &&
         (out.back() == '\n' || out.back() == '\r' || out.back() == ' ' || out.back() == '\t')) {
    out.pop_back();
  }
  return out + "\n";
}

std::string FirstParagraphText(std::string_view markdown) {
  for (auto& b : TopLevelBlocks(markdown)) {
    if (b.paragraph && !b.text.empty()) return std::move(b.text);
  }
  return "";
}

std::string BlockTextContaining(std::string_view markdown, std::string_view needle_lower) {
  if (needle_lower.empty()) return "";
  for (auto& b : TopLevelBlocks(markdown)) {
    if (core::AsciiLower(b.text).find(needle_lower) != std::string::npos) return std::move(b.text);
  }
  return "";
}

}  // namespace dateline::articles
