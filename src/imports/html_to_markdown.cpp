#include "imports/html_to_markdown.hpp"

#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "core/text.hpp"

namespace dateline::imports {
namespace {

std::string_view NameOf(const xmlNode* n) {
  return n->name ? std::string_view(reinterpret_cast<const char*>(n->name)) : std::string_view();
}

std::string AttributeOf(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string ContentOf(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

constexpr std::array<std::string_view, 35> kBlocks = {
    "p",          "div", "section", "article", "header", "footer",     "main",  "aside", "figure",
    "h1",         "h2",  "h3",      "h4",      "h5",     "h6",         "ul",    "ol",    "li",
    "blockquote", "pre", "hr",      "table",   "tr",     "thead",      "tbody", "tfoot", "dl",
    "dt",         "dd",  "address", "center",  "nav",    "figcaption", "body",  "html"};

// Elements whose content is dropped whole: what runs, styles, asks for input or embeds.
constexpr std::array<std::string_view, 31> kDropped = {
    "script", "style",    "iframe",   "object",   "embed", "form",  "input",    "button",
    "select", "textarea", "noscript", "template", "svg",   "math",  "audio",    "video",
    "canvas", "head",     "title",    "meta",     "link",  "frame", "frameset", "applet",
    "base",   "param",    "source",   "track",    "map",   "area",  "dialog"};

template <size_t N>
bool Among(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A text or CDATA node's characters.
std::string_view TextOf(const xmlNode* n) {
  return n->content ? reinterpret_cast<const char*>(n->content) : "";
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Runs of whitespace as one space.
std::string Collapsed(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (IsSpace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    if (space && out.empty()) out += ' ';
    space = false;
    out += c;
  }
  if (space) out += ' ';
  return out;
}

// Text that reads as text in CommonMark (and GFM's tables and strikethrough).
std::string Escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    if (std::string_view("\\`*_[]<>&|~#!").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// An address a reader may follow: http(s), mailto, or one on this site.
std::optional<std::string> SafeUrl(std::string_view url) {
  std::string trimmed(core::Trim(url));
  std::string lower = core::AsciiLower(trimmed);
  bool ok = lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0 ||
            lower.rfind("mailto:", 0) == 0 ||
            (lower.rfind('/', 0) == 0 && lower.rfind("//", 0) != 0) || lower.rfind('#', 0) == 0;
  if (!ok || trimmed.empty()) return std::nullopt;
  std::string out;
  for (char c : trimmed) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || c == '(' || c == ')' || c == '<' || c == '>' || c == '"' || c == '\\' ||
        u == 0x7F) {
      out += fmt::format("%{:02X}", u);
    } else {
      out += c;
    }
  }
  return out;
}

// A fence of backticks longer than any run in `text`.
std::string FenceFor(std::string_view text, size_t at_least) {
  size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max(at_least, longest + 1), '`');
}

// Lines of a paragraph that would start a list, a heading or a quote are escaped; leading
// spaces (an indented code block) go.
std::string Paragraph(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!out.empty()) out += '\n';
    if (!line.empty() && (line.front() == '-' || line.front() == '+' || line.front() == '=')) {
      out += '\\';
    }
    size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) {
      ++digits;
    }
    if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) {
      out.append(line.substr(0, digits));
      out += '\\';
      out.append(line.substr(digits));
    } else {
      out.append(line);
    }
    start = end + 1;
  }
  return out;
}

// Each line of `text` after `first` (its first line) or `rest` (the others).
std::string Prefixed(std::string_view text, std::string_view first, std::string_view rest) {
  std::string out(first);
  for (char c : text) {
    out += c;
    if (c == '\n') out += rest;
  }
  // Lines that were empty keep no trailing spaces.
  std::string trimmed;
  size_t start = 0;
  while (start <= out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    std::string_view line(out.data() + start, end - start);
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    if (!trimmed.empty() || start > 0) trimmed += '\n';
    trimmed.append(line);
    start = end + 1;
  }
  return trimmed;
}

class Converter {
 public:
  Converter(const ImageResolver& images, std::map<std::string, int>& dropped,
            std::set<std::string>& notes, int depth)
      : images_(images), dropped_(dropped), notes_(notes), depth_(depth) {}

  // The children of `parent` as Markdown blocks.
  std::string Blocks(const xmlNode* parent) {
    for (const xmlNode* n = parent->children; n; n = n->next) Block(n);
    Flush();
    std::string out;
    for (const auto& b : blocks_) {
      if (!out.empty()) out += "\n\n";
      out += b;
    }
    return out;
  }

 private:
  void Flush() {
    std::string_view text = inline_;
    // Trailing space and line breaks (a break is a backslash before a newline; an odd
    // run of backslashes at the end is one).
    for (;;) {
      while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
      size_t slashes = 0;
      while (slashes < text.size() && text[text.size() - 1 - slashes] == '\\') ++slashes;
      if (slashes % 2 == 0) break;
      text.remove_suffix(1);
    }
    while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
    if (!text.empty()) blocks_.push_back(Paragraph(text));
    inline_.clear();
  }

  void AddBlock(std::string block) {
    Flush();
    if (!block.empty()) blocks_.push_back(std::move(block));
  }

  std::string Nested(const xmlNode* parent) {
    if (depth_ > 40) {  // hostile nesting: the rest as plain text
      return Paragraph(Escaped(Collapsed(ContentOf(parent))));
    }
    Converter inner(images_, dropped_, notes_, depth_ + 1);
    return inner.Blocks(parent);
  }

  // Text straight inside a block: WordPress's blank lines are paragraphs, its single
  // newlines line breaks.
  void BlockText(std::string_view text) {
    size_t start = 0;
    while (start < text.size()) {
      size_t gap = text.find("\n\n", start);
      std::string_view piece =
          text.substr(start, gap == std::string_view::npos ? text.size() - start : gap - start);
      size_t line_start = 0;
      while (line_start <= piece.size()) {
        size_t nl = piece.find('\n', line_start);
        if (nl == std::string_view::npos) nl = piece.size();
        std::string line = Collapsed(piece.substr(line_start, nl - line_start));
        inline_ += Escaped(line);
        if (nl < piece.size() && !core::Trim(line).empty()) inline_ += "\\\n";
        line_start = nl + 1;
      }
      if (gap == std::string_view::npos) break;
      Flush();
      start = gap + 2;
    }
  }

  void Block(const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      BlockText(TextOf(n));
      return;
    }
    if (n->type != XML_ELEMENT_NODE) return;
    std::string name = core::AsciiLower(NameOf(n));
    if (Among(kDropped, name)) {
      Drop(n, name);
      return;
    }
    if (!Among(kBlocks, name)) {
      Inline(n);
      return;
    }
    if (name == "h1" || name == "h2" || name == "h3" || name == "h4" || name == "h5" ||
        name == "h6") {
      Flush();
      std::string text(core::Trim(Collapsed(InlineOf(n))));
      int level = std::max(2, name[1] - '0');
      if (!text.empty()) AddBlock(std::string(static_cast<size_t>(level), '#') + " " + text);
      return;
    }
    if (name == "hr") {
      AddBlock("* * *");
      return;
    }
    if (name == "pre") {
      std::string code = ContentOf(n);
      while (!code.empty() && code.back() == '\n') code.pop_back();
      std::string fence = FenceFor(code, 3);
      AddBlock(fence + "\n" + code + "\n" + fence);
      return;
    }
    if (name == "blockquote") {
      std::string inner = Nested(n);
      if (!inner.empty()) AddBlock(Prefixed(inner, "> ", "> "));
      return;
    }
    if (name == "ul" || name == "ol") {
      Flush();
      std::string list;
      int number = 1;
      for (const xmlNode* c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || core::AsciiLower(NameOf(c)) != "li") {
          if (c->type == XML_ELEMENT_NODE) Block(c);
          continue;
        }
        std::string item = Nested(c);
        std::string marker = name == "ol" ? std::to_string(number++) + ". " : "- ";
        if (!list.empty()) list += "\n";
        list += Prefixed(item, marker, std::string(marker.size(), ' '));
      }
      if (!list.empty()) AddBlock(list);
      return;
    }
    if (name == "table") {
      notes_.insert("a table was flattened into one paragraph per row");
    }
    if (name == "tr") {
      Flush();
      std::string row;
      for (const xmlNode* c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        std::string cell(core::Trim(Collapsed(ContentOf(c))));
        if (cell.empty()) continue;
        if (!row.empty()) row += " \\| ";
        row += Escaped(cell);
      }
      if (!row.empty()) AddBlock(Paragraph(row));
      return;
    }
    if (name == "figcaption") {
      Flush();
      std::string caption(core::Trim(Collapsed(ContentOf(n))));
      if (!caption.empty()) AddBlock("*" + Escaped(caption) + "*");
      return;
    }
    // Any other block: its own paragraph(s).
    Flush();
    for (const xmlNode* c = n->children; c; c = c->next) Block(c);
    Flush();
  }

  void Drop(const xmlNode* n, const std::string& name) {
    // An embedded video or map keeps a link to where it plays.
    if (name == "iframe") {
      if (auto url = SafeUrl(AttributeOf(n, "src")); url && url->rfind("http", 0) == 0) {
        inline_ += "[Embedded media](" + *url + ")";
        notes_.insert("an embedded frame became a link to what it showed");
        return;
      }
    }
    if (name != "head" && name != "title" && name != "meta" && name != "link") ++dropped_[name];
  }

  // The inline Markdown of `n`'s children, apart from the paragraph being built.
  std::string InlineOf(const xmlNode* n) {
    std::string saved;
    saved.swap(inline_);
    for (const xmlNode* c = n->children; c; c = c->next) Inline(c);
    std::string inner;
    inner.swap(inline_);
    inline_.swap(saved);
    return inner;
  }

  void Wrapped(const xmlNode* n, std::string_view mark) {
    std::string inner = InlineOf(n);
    // Emphasis cannot open or close on a space: keep the spaces outside the marks.
    size_t lead = 0;
    while (lead < inner.size() && IsSpace(inner[lead])) ++lead;
    size_t trail = inner.size();
    while (trail > lead && IsSpace(inner[trail - 1])) --trail;
    if (trail == lead) {
      inline_ += inner;
      return;
    }
    inline_ += inner.substr(0, lead);
    inline_ += mark;
    inline_ += inner.substr(lead, trail - lead);
    inline_ += mark;
    inline_ += inner.substr(trail);
  }

  void Inline(const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      inline_ += Escaped(Collapsed(TextOf(n)));
      return;
    }
    if (n->type != XML_ELEMENT_NODE) return;
    std::string name = core::AsciiLower(NameOf(n));
    if (Among(kDropped, name)) {
      Drop(n, name);
      return;
    }
    if (Among(kBlocks, name)) {  // a block inside an inline element: broken HTML, repaired
      Block(n);
      return;
    }
    if (name == "br") {
      inline_ += "\\\n";
    } else if (name == "strong" || name == "b") {
      Wrapped(n, "**");
    } else if (name == "em" || name == "i" || name == "cite") {
      Wrapped(n, "*");
    } else if (name == "s" || name == "del" || name == "strike") {
      Wrapped(n, "~~");
    } else if (name == "code" || name == "kbd" || name == "samp" || name == "tt") {
      std::string code = Collapsed(ContentOf(n));
      if (core::Trim(code).empty()) return;
      std::string fence = FenceFor(code, 1);
      bool pad = code.front() == '`' || code.back() == '`';
      inline_ += fence + (pad ? " " : "") + code + (pad ? " " : "") + fence;
    } else if (name == "a") {
      std::string text(core::Trim(InlineOf(n)));
      std::string href = AttributeOf(n, "href");
      auto url = SafeUrl(href);
      if (!url) {
        if (!core::Trim(href).empty())
          notes_.insert("a link that was not http, https or mailto was removed (its text kept)");
        inline_ += text;
        return;
      }
      if (text.empty()) text = Escaped(*url);
      inline_ += "[" + text + "](" + *url + ")";
    } else if (name == "img") {
      ImageFound image{AttributeOf(n, "src"),
                       std::string(core::Trim(Collapsed(AttributeOf(n, "alt"))))};
      std::optional<std::string> local = images_ ? images_(image) : std::nullopt;
      if (local) {
        inline_ += "![" + Escaped(image.alt) + "](" + *local + ")";
        return;
      }
      auto url = SafeUrl(image.src);
      if (!url) {
        if (!image.src.empty())
          notes_.insert("an image with an address that was not http or https was removed");
        return;
      }
      inline_ +=
          "[" + Escaped(image.alt.empty() ? "Image" : "Image: " + image.alt) + "](" + *url + ")";
    } else {
      for (const xmlNode* c = n->children; c; c = c->next) Inline(c);
    }
  }

  const ImageResolver& images_;
  std::map<std::string, int>& dropped_;
  std::set<std::string>& notes_;
  int depth_;
  std::vector<std::string> blocks_;
  std::string inline_;
};

// WordPress shortcodes: [caption ...]...[/caption] keeps what it wraps, [embed]URL[/embed]
// becomes the URL; galleries and players are dropped (noted).
std::string WithoutShortcodes(std::string_view html, std::set<std::string>& notes) {
  std::string out;
  size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '[') {
      out += html[i++];
      continue;
    }
    size_t close = html.find(']', i);
    if (close == std::string_view::npos || close - i > 2000) {
      out += html[i++];
      continue;
    }
    std::string_view tag = html.substr(i + 1, close - i - 1);
    std::string_view word = tag.substr(0, tag.find_first_of(" \t\n/]"));
    bool closing = !tag.empty() && tag.front() == '/';
    std::string_view closed = closing ? tag.substr(1) : std::string_view();
    if (word == "caption" || word == "embed" || closed == "caption" || closed == "embed") {
      i = close + 1;
      continue;
    }
    if (word == "gallery" || word == "audio" || word == "video" || word == "playlist") {
      notes.insert("a [" + std::string(word) + "] shortcode was removed");
      i = close + 1;
      continue;
    }
    out += html[i++];
  }
  return out;
}

htmlDocPtr Parse(std::string_view html) {
  std::string wrapped = "<html><body>" + std::string(html) + "</body></html>";
  return htmlReadMemory(wrapped.data(), static_cast<int>(wrapped.size()), nullptr, "UTF-8",
                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
}

const xmlNode* BodyOf(htmlDocPtr doc) {
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (!root) return nullptr;
  for (const xmlNode* n = root->children; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && NameOf(n) == "body") return n;
  }
  return root;
}

}  // namespace

ConvertedText HtmlToMarkdown(std::string_view html, const ImageResolver& images) {
  ConvertedText out;
  std::set<std::string> notes;
  std::map<std::string, int> dropped;
  std::string source = WithoutShortcodes(html, notes);
  htmlDocPtr doc = Parse(source);
  if (doc) {
    if (const xmlNode* body = BodyOf(doc)) {
      Converter converter(images, dropped, notes, 0);
      out.markdown = converter.Blocks(body);
    }
    xmlFreeDoc(doc);
  }
  for (const auto& [tag, count] : dropped) {
    notes.insert(
        fmt::format("<{}> removed ({}): nothing that runs or embeds comes in", tag, count));
  }
  out.notes.assign(notes.begin(), notes.end());
  return out;
}

std::string HtmlToText(std::string_view html) {
  std::string text;
  htmlDocPtr doc = Parse(html);
  if (!doc) return "";
  // Text nodes, with a newline for each break and block; scripts and styles dropped.
  std::function<void(const xmlNode*)> walk = [&](const xmlNode* n) {
    for (; n; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        std::string_view t = TextOf(n);
        for (char c : t) text += c == '\r' ? '\n' : c;
        continue;
      }
      if (n->type != XML_ELEMENT_NODE) continue;
      std::string name = core::AsciiLower(NameOf(n));
      if (Among(kDropped, name)) continue;
      if (name == "br") text += '\n';
      bool block = Among(kBlocks, name) > 0;
      if (block && !text.empty()) text += "\n\n";
      walk(n->children);
      if (block) text += "\n\n";
    }
  };
  if (const xmlNode* body = BodyOf(doc)) walk(body->children);
  xmlFreeDoc(doc);
  // Spaces collapsed within lines; at most one blank line between paragraphs.
  std::string out;
  int newlines = 0;
  bool space = false;
  for (char c : text) {
    if (c == '\n') {
      ++newlines;
      space = false;
      continue;
    }
    if (IsSpace(c)) {
      space = true;
      continue;
    }
    if (!out.empty()) {
      if (newlines > 0) {
        out += newlines > 1 ? "\n\n" : "\n";
      } else if (space) {
        out += ' ';
      }
    }
    newlines = 0;
    space = false;
    out += c;
  }
  return out;
}

}  // namespace dateline::imports
