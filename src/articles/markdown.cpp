#include "articles/markdown.hpp"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace dateline::articles {

std::string RenderMarkdown(std::string_view markdown) {
  // CMARK_OPT_DEFAULT is safe in cmark >= 0.29 (raw HTML needs CMARK_OPT_UNSAFE); say so
  // explicitly where the option exists, so an older library cannot silently loosen it.
  int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
#ifdef CMARK_OPT_SAFE
  options |= CMARK_OPT_SAFE;
#endif
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), options), &std::free);
  return html ? std::string(html.get()) : std::string();
}

std::string PrependDateline(const std::string& body_html, const std::string& dateline_html) {
  if (dateline_html.empty() || body_html.rfind("<p>", 0) != 0) return body_html;
  return "<p><span class=\"dateline\">" + dateline_html + "</span> \u2014 " + body_html.substr(3);
}

}  // namespace dateline::articles
