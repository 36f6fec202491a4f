#pragma once
// Wraps a page's content in the site layout (masthead, footer, head tags).

#include <string>

#include "core/result.hpp"
#include "render/view.hpp"
#include "web/kit/kit.hpp"

namespace dateline::web {

struct PageMeta {
  std::string title;           // the <title>; the site name is appended
  std::string description;     // meta description; empty for none
  std::string canonical_path;  // "/articles/x"; empty for none
  std::string og_type = "website";
  std::string body_class;
  std::string head_extra_html;  // trusted HTML for <head> (JSON-LD)
  std::string image_url;        // absolute: og:image, twitter:image
  int image_width = 0;
  int image_height = 0;
  std::string image_alt;
  const struct Visitor* visitor = nullptr;  // signed-in masthead when set and signed in
};

// Renders `template_name` with `view`, then places it in the layout.
core::Result<std::string> RenderPage(const Kit& ctx, const PageMeta& meta,
                                     const std::string& template_name, const render::View& view);

}  // namespace dateline::web
