#pragma once
// Images as pages draw them: a <picture> with WebP and JPEG srcsets over every variant,
// `sizes` for the layout, and the width and height always given so nothing shifts while
// loading; images a story's Markdown names (![alt](/media/KEY)) drawn the same way.

#include <string>

#include "core/result.hpp"
#include "media/image.hpp"
#include "render/view.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

// The <picture> of `image` shown at `sizes` (a sizes attribute); `eager` for the image
// at the top of a page (no lazy loading), and `alt` overriding the library's alt text.
core::Result<std::string> PictureHtml(const ArticlesContext& ctx, const media::Image& image,
                                      const std::string& sizes, bool eager,
                                      const std::string& alt = {});

// `html` (a story's rendered Markdown) with each <img src="/media/KEY" ...> of a known
// image replaced by its <picture>; unknown keys are left as they are.
core::Result<std::string> WithResponsiveImages(const ArticlesContext& ctx, const std::string& html);

// The lead image of a story, if it has one the library knows.
core::Result<std::optional<media::Image>> LeadImageOf(const ArticlesContext& ctx,
                                                      const articles::Placement& placement);

}  // namespace dateline::web
