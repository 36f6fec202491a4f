#include "articles/markdown.hpp"

#include <cctype>

#include "articles/cmark_document.hpp"

namespace dateline::articles {

std::string RenderMarkdown(std::string_view markdown) {
  return RenderDocument(ParseMarkdown(markdown).get());
}

namespace {

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

// Where the first top-level paragraph's text starts in cmark's HTML, or npos. cmark puts
// every block tag of a container (blockquote, list, item, table) at the start of a line,
// and escapes the text of code, so counting those tags is enough to know the depth.
size_t FirstTopLevelParagraph(std::string_view html) {
  static constexpr std::string_view kOpen[] = {"<blockquote", "<ul", "<ol", "<li", "<table"};
  static constexpr std::string_view kClose[] = {"</blockquote>", "</ul>", "</ol>", "</li>",
                                                "</table>"};
  int depth = 0;
  size_t pos = 0;
  while (pos < html.size()) {
    std::string_view line = html.substr(pos, html.find('\n', pos) - pos);
    if (depth == 0 && line.rfind("<p>", 0) == 0) return pos + 3;
    for (std::string_view tag : kOpen) {
      for (size_t at = line.find(tag); at != std::string_view::npos; at = line.find(tag, at + 1)) {
        char after = at + tag.size() < line.size() ? line[at + tag.size()] : '>';
        if (after == '>' || after == ' ') ++depth;
      }
    }
    for (std::string_view tag : kClose) {
      for (size_t at = line.find(tag); at != std::string_view::npos; at = line.find(tag, at + 1)) {
        --depth;
      }
    }
    size_t next = html.find('\n', pos);
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return std::string_view::npos;
}

}  // namespace

std::string PrependDateline(const std::string& body_html, const std::string& dateline_html) {
  if (dateline_html.empty()) return body_html;
  size_t at = FirstTopLevelParagraph(body_html);
  if (at == std::string::npos) return body_html;
  std::string_view text = std::string_view(body_html).substr(at);
  std::string span = "<span class=\"dateline\">" + dateline_html + "</span>";
  // Wire copy often starts with its own dateline ("ST. LOUIS (AP) — ..."): mark that one
  // rather than print the place twice.
  if (StartsWithNoCase(text, dateline_html)) {
    std::string_view rest = text.substr(dateline_html.size());
    if (rest.empty() || rest[0] == ' ' || rest[0] == ',' || rest[0] == '(' || rest[0] == ':' ||
        rest.rfind("\u2014", 0) == 0 || rest.rfind("\u2013", 0) == 0 || rest[0] == '-') {
      return body_html.substr(0, at) + "<span class=\"dateline\">" +
             std::string(text.substr(0, dateline_html.size())) + "</span>" + std::string(rest);
    }
  }
  return body_html.substr(0, at) + span + " \u2014 " + std::string(text);
}

}  // namespace dateline::articles
