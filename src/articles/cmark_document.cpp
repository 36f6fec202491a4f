#include "articles/cmark_document.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <mutex>

namespace dateline::articles {
namespace {

// CMARK_OPT_DEFAULT is safe in cmark-gfm >= 0.29 (raw HTML needs CMARK_OPT_UNSAFE); say so
// explicitly where the option exists, so an older library cannot silently loosen it.
int Options() {
  int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
#ifdef CMARK_OPT_SAFE
  options |= CMARK_OPT_SAFE;
#endif
  return options;
}

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter"};

// The extensions' list for the renderer: built once, after registration (which is not
// thread-safe, hence call_once), and never freed.
cmark_llist* Extensions() {
  static cmark_llist* list = [] {
    cmark_gfm_core_extensions_ensure_registered();
    cmark_llist* l = nullptr;
    for (const char* name : kExtensions) {
      if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
        l = cmark_llist_append(cmark_get_default_mem_allocator(), l, ext);
      }
    }
    return l;
  }();
  return list;
}

}  // namespace

void CmarkNodeDeleter::operator()(cmark_node* n) const { cmark_node_free(n); }

CmarkDocument ParseMarkdown(std::string_view markdown) {
  cmark_llist* extensions = Extensions();
  cmark_parser* parser = cmark_parser_new(Options());
  for (cmark_llist* e = extensions; e; e = e->next) {
    cmark_parser_attach_syntax_extension(parser, static_cast<cmark_syntax_extension*>(e->data));
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  CmarkDocument doc(cmark_parser_finish(parser));
  cmark_parser_free(parser);
  return doc;
}

std::string RenderDocument(cmark_node* document) {
  if (!document) return std::string();
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_render_html(document, Options(), Extensions()), &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace dateline::articles
