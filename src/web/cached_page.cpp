#include "web/cached_page.hpp"

#include "web/error_pages.hpp"

namespace dateline::web {

int64_t NextMidnight(int64_t now) { return (now / 86400 + 1) * 86400; }

http::Response ServeCached(const SiteContext& ctx, const std::string& key,
                           const PageBuilder& build) {
  int64_t now = ctx.clock.NowSeconds();
  auto page = ctx.cache.Get(key, now);
  if (!page) {
    auto built = build();
    if (!built.ok()) return ErrorPageFor(ctx, built.error());
    int64_t expires = std::min(built->expires_at.value_or(INT64_MAX), NextMidnight(now));
    page = ctx.cache.Put(key, 200, std::move(built->html), expires);
  }
  http::Response r;
  r.status = page->status;
  r.shared_body = page->body;
  r.headers.emplace_back("ETag", page->etag);
  // Revalidated on every use (a 304 is cheap), so an edit is seen at once.
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

}  // namespace dateline::web
