#pragma once
// Serving anonymous pages from the page cache: build once, then answer from memory with
// an ETag (the server turns a matching If-None-Match into 304).

#include <functional>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "web/kit/kit.hpp"

namespace dateline::web {

struct BuiltPage {
  std::string html;
  std::optional<int64_t> expires_at;  // when the content changes by itself (schedules, date)
};

struct Visitor;
// Builds the page; `visitor` is null for the shared anonymous version.
using PageBuilder = std::function<core::Result<BuiltPage>(const Visitor* visitor)>;

// Anonymous readers get the page from the cache under `key` (built, stored and answered
// on a miss). A signed-in reader gets it built afresh with their masthead, not cached.
// A failed build is never cached and becomes the matching error page.
http::Response ServeCached(const Kit& ctx, const http::Request& request, const std::string& key,
                           const PageBuilder& build,
                           const std::string& content_type = "text/html; charset=utf-8");

// A document that is the same for every visitor (a feed, the sitemap): always from the
// cache under `key`, whoever asks, with the given content type.
http::Response ServePublic(const Kit& ctx, const std::string& key, const std::string& content_type,
                           const PageBuilder& build);

// Midnight in the site's time zone after `now`: the masthead date changes then.
int64_t NextMidnight(int64_t now);

}  // namespace dateline::web
