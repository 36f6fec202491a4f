// What an import reads from another system: a WordPress export (XML, any bytes), a Ghost
// export (JSON), and the HTML inside them made Markdown. Whatever the input, the Markdown renders
// with nothing active in it (no script, frame, event attribute or javascript: address), and the
// reader ends without growing past its input.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "articles/markdown.hpp"
#include "core/text.hpp"
#include "imports/ghost_reader.hpp"
#include "imports/html_to_markdown.hpp"
#include "imports/import_store.hpp"
#include "imports/wxr_reader.hpp"

using namespace dateline;

namespace {

// Text's '<' is always escaped, so every '<' in the rendered HTML opens a tag the renderer
// wrote: none may be active, none may carry an event attribute or a script address.
void CheckInert(const std::string& markdown) {
  std::string html = core::AsciiLower(articles::RenderMarkdown(markdown));
  for (const char* active :
       {"<script", "<iframe", "<object", "<embed", "<svg", "<form", "<style", "<math", "<base",
        "<link", "<meta", "=\"javascript:", "=\"vbscript:", "=\"data:"}) {
    if (html.find(active) != std::string::npos) std::abort();
  }
  for (size_t open = html.find('<'); open != std::string::npos; open = html.find('<', open + 1)) {
    size_t close = html.find('>', open);
    std::string_view tag(html.data() + open,
                         (close == std::string::npos ? html.size() : close) - open);
    for (size_t on = tag.find(" on"); on != std::string_view::npos; on = tag.find(" on", on + 1)) {
      size_t end = on + 3;
      while (end < tag.size() && std::isalpha(static_cast<unsigned char>(tag[end]))) ++end;
      if (end > on + 3 && end < tag.size() && tag[end] == '=') {
        // Inside a quoted attribute value it is text, not an attribute.
        size_t quotes = 0;
        for (size_t i = 0; i < on; ++i) quotes += tag[i] == '"';
        if (quotes % 2 == 0) std::abort();
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  // As HTML: inert, and valid UTF-8 when the input was.
  auto converted = imports::HtmlToMarkdown(input, [](const imports::ImageFound& image) {
    return image.src.size() % 2 ? std::optional<std::string>("/media/0123") : std::nullopt;
  });
  if (core::IsValidUtf8(input) && !core::IsValidUtf8(converted.markdown)) std::abort();
  CheckInert(converted.markdown);
  (void)imports::HtmlToText(input);
  (void)imports::NormalizeAddress(input, input);
  // As a WordPress export: read to the end or refused, every post's HTML inert too.
  std::FILE* file = fmemopen(input.data(), input.size(), "rb");
  if (!file) return 0;
  auto reader = imports::ReadWordPressExport(file, static_cast<int64_t>(size));
  for (int i = 0; i < 10000; ++i) {
    auto item = reader->Next();
    if (!item.ok() || !*item) break;
    if (auto* post = std::get_if<imports::SourcePost>(&**item)) {
      CheckInert(imports::HtmlToMarkdown(post->html, nullptr).markdown);
    }
  }
  (void)reader->TakeNotes();
  if (reader->BytesRead() > static_cast<int64_t>(size)) std::abort();
  // As a Ghost export (JSON): read to the end or refused.
  if (auto ghost = imports::ReadGhostExport(input); ghost.ok()) {
    for (int i = 0; i < 10000; ++i) {
      auto item = (*ghost)->Next();
      if (!item.ok() || !*item) break;
      if (auto* post = std::get_if<imports::SourcePost>(&**item)) {
        if (post->access != "free" && post->access != "registered" &&
            post->access != "subscribers") {
          std::abort();
        }
      }
    }
  }
  return 0;
}
