#pragma once
// /search?q=: published articles whose public text matches (never text behind the
// paywall, so a search cannot be used to read it word by word).

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

http::Response SearchPage(const ArticlesContext& ctx, const http::Request& request);

}  // namespace dateline::web
