#pragma once
// Another system's HTML as the Markdown Dateline stores: paragraphs, headings, emphasis,
// links, lists, quotes, code, rules and images, from any HTML however broken (libxml2's
// HTML parser repairs it as browsers do). Nothing active survives: scripts, styles,
// frames, forms and event attributes are dropped (each noted), links keep only http,
// https, mailto and same-site addresses, and every character of text is escaped so it
// reads as text, never as markup. WordPress's habits are understood: paragraphs written
// as blank lines, [caption] and [embed] shortcodes.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::imports {

struct ImageFound {
  std::string src;  // as the HTML had it
  std::string alt;
};

// What to put in the Markdown for an image: a Dateline address ("/media/KEY") when the
// image was brought into the media library, nullopt to keep a link to where it was.
using ImageResolver = std::function<std::optional<std::string>(const ImageFound&)>;

struct ConvertedText {
  std::string markdown;
  std::vector<std::string> notes;  // what was dropped or changed, once per kind
};

ConvertedText HtmlToMarkdown(std::string_view html, const ImageResolver& images);

// The text of an HTML fragment, tags dropped and entities decoded, whitespace collapsed;
// paragraphs and line breaks kept as newlines (comments, titles, excerpts).
std::string HtmlToText(std::string_view html);

}  // namespace dateline::imports
