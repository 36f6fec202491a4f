#pragma once
// Markdown to HTML with libcmark in safe mode: raw HTML and javascript:/data: links are
// dropped, so an article body cannot carry script.

#include <string>
#include <string_view>

namespace dateline::articles {

std::string RenderMarkdown(std::string_view markdown);

// Puts the dateline at the start of the first top-level paragraph, as newspapers print it:
// "<p><span class="dateline">GENEVA</span> — U.S. Secretary..." (after a heading too).
// When that paragraph already opens with the dateline (wire copy: "ST. LOUIS (AP) — ..."),
// the one there is marked instead of printing it twice. `dateline_html` must already be
// escaped. Leaves the HTML alone when it has no top-level paragraph.
std::string PrependDateline(const std::string& body_html, const std::string& dateline_html);

}  // namespace dateline::articles
