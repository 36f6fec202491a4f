#pragma once
// /corrections: every correction and clarification to a live story, newest first, by
// cursor; and /corrections.xml, the same as an RSS feed. Public and cached.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

http::Response CorrectionsPage(const ArticlesContext& ctx, const http::Request& request);
http::Response CorrectionsFeed(const ArticlesContext& ctx, const http::Request& request);

}  // namespace dateline::web
