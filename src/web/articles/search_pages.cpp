#include "web/articles/search_pages.hpp"

#include "articles/markdown_blocks.hpp"
#include "articles/paywall.hpp"
#include "core/text.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr int kMaxResults = 30;
constexpr size_t kMaxQueryBytes = 200;
constexpr size_t kSnippetBytes = 280;

// The public block that holds the match, as plain text, cut at a UTF-8 boundary.
std::string Snippet(const std::string& visible_markdown, const std::string& needle) {
  std::string para = articles::BlockTextContaining(visible_markdown, needle);
  if (para.size() <= kSnippetBytes) return para;
  size_t cut = kSnippetBytes;
  while (cut > 0 && (static_cast<unsigned char>(para[cut]) & 0xC0) == 0x80) --cut;
  return para.substr(0, cut) + "…";
}

}  // namespace

http::Response SearchPage(const ArticlesContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  render::View view;
  PageMeta meta;
  meta.title = "Search";
  meta.canonical_path = "/search";
  int status = 200;
  auto query = http::Form::Parse(request.query);
  std::string q = query.ok() ? std::string(core::Trim(query->Value("q"))) : "";
  if (!query.ok() || !core::IsValidUtf8(q)) {
    view["error"] = "That search could not be read. Type it again.";
    status = 400;
    q.clear();
  } else if (q.size() > kMaxQueryBytes) {
    view["error"] = "Keep the search to 200 characters.";
    status = 400;
    q = q.substr(0, 0);
  }
  view["query"] = q;
  if (!q.empty()) {
    auto found = ctx.articles.Search(q, ctx.config.paywall_free_paragraphs, kMaxResults);
    if (!found.ok()) return ErrorPageFor(ctx, found.error());
    std::string needle = core::AsciiLower(q);
    view["searched"] = true;
    view["count"] = found->empty()       ? "No articles match “" + q + "”."
                    : found->size() == 1 ? "One article matches."
                                         : std::to_string(found->size()) + " articles match.";
    for (const auto& a : *found) {
      render::View item;
      item["url"] = "/articles/" + a.slug;
      item["headline"] = a.headline;
      if (!a.dek.empty()) item["dek"] = a.dek;
      std::string snippet =
          Snippet(articles::PublicMarkdown(a, ctx.config.paywall_free_paragraphs), needle);
      if (!snippet.empty()) item["snippet"] = snippet;
      item["published_iso"] = core::FormatIso8601(a.published_at);
      item["published_human"] = core::FormatHumanDateTime(a.published_at);
      item["locked"] = a.access == articles::Access::kSubscribers;
      view["results"].Push(std::move(item));
    }
    meta.title = "Search: " + q;
  }
  return VisitorPage(ctx, *visitor, meta, "pages/search", std::move(view), status);
}

}  // namespace dateline::web
