// The paywall cut on any Markdown: the free part is always a prefix of the body (nothing
// invented, nothing from after the cut), and its excerpts come from inside it.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "articles/markdown.hpp"
#include "articles/markdown_blocks.hpp"

using namespace dateline::articles;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  int count = data[0] % 8;
  std::string_view md(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string free = LeadingBlocks(md, count);
  if (free != md) {
    // A prefix of the body (trailing blank space trimmed, one line end added).
    std::string_view kept(free);
    if (!kept.empty() && kept.back() == '\n') kept.remove_suffix(1);
    if (md.substr(0, kept.size()) != kept) std::abort();
  }
  if (count == 0 && !free.empty()) std::abort();
  (void)RenderMarkdown(free);
  (void)FirstParagraphText(free);
  (void)BlockTextContaining(free, "the");
  return 0;
}
