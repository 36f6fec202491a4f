// What readers type as comments: cleaned, then rendered as escaped HTML with links.
#include <cstdint>
#include <cstdlib>

#include "comments/comment.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto clean = dateline::comments::CleanCommentText(text);
  if (!clean.ok()) return 0;
  std::string html = dateline::comments::RenderCommentHtml(*clean);
  // Markup comes only from us: no tag a reader wrote survives.
  if (html.find("<script") != std::string::npos || html.find("<img") != std::string::npos) {
    std::abort();
  }
  (void)dateline::comments::CountLinks(*clean);
  return 0;
}
