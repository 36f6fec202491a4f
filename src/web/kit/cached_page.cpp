#include "web/kit/cached_page.hpp"

#include "core/time_zone.hpp"
#include "http/lane.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/visitor.hpp"

namespace dateline::web {

int64_t NextMidnight(int64_t now) { return core::NextSiteMidnight(now); }

namespace {

// The shared (anonymous) version of `key`: from the cache, or built (once, however many
// ask at once), stored and returned. A page built while its key was dropped is returned
// but not kept (see CacheVersion).
core::Result<std::shared_ptr<const render::CachedPage>> SharedPage(
    const Kit& ctx, const std::string& key, const PageBuilder& build,
    std::optional<int64_t> latest_expiry) {
  return ctx.cache.GetOrBuild(key, ctx.clock.NowSeconds(),
                              [&](const render::CacheVersion& version)
                                  -> core::Result<std::shared_ptr<const render::CachedPage>> {
                                auto built = build(nullptr);
                                if (!built.ok()) return built.error();
                                std::optional<int64_t> expires = built->expires_at;
                                if (latest_expiry)
                                  expires = std::min(expires.value_or(INT64_MAX), *latest_expiry);
                                return ctx.cache.Put(key, 200, std::move(built->html), expires,
                                                     version);
                              });
}

// The answer for a shared page: revalidated on every use (a 304 is cheap), so an edit is
// seen at once.
http::Response FromShared(const render::CachedPage& page, const std::string& content_type) {
  http::Response r;
  r.status = page.status;
  r.content_type = content_type;
  r.shared_body = page.body;
  r.compressed = page.compressed;
  r.headers.emplace_back("ETag", page.etag);
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

// On an I/O thread, a page that is not cached goes to a worker to be built.
bool MustBuildElsewhere(const Kit& ctx, const std::string& key) {
  return http::RunningInline() && !ctx.cache.Has(key, ctx.clock.NowSeconds());
}

}  // namespace

http::Response ServeCached(const Kit& ctx, const http::Request& request, const std::string& key,
                           const PageBuilder& build, const std::string& content_type) {
  bool stale_session = false;
  if (HasSessionCookie(ctx, request)) {
    auto visitor = LoadVisitor(ctx, request);
    if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
    if (visitor->signed_in()) {
      auto built = build(&visitor.value());
      if (!built.ok()) return ErrorPageFor(ctx, built.error());
      http::Response r;
      r.body = std::move(built->html);
      r.content_type = content_type;
      r.headers.emplace_back("Cache-Control", "no-store");
      FinishVisitorResponse(ctx, *visitor, r);
      return r;
    }
    stale_session = true;  // expired or revoked: serve the shared page, drop the cookie
  }
  if (MustBuildElsewhere(ctx, key)) return http::Response::OnWorker();
  // The masthead shows the date: no page outlives midnight.
  auto page = SharedPage(ctx, key, build, NextMidnight(ctx.clock.NowSeconds()));
  if (!page.ok()) return ErrorPageFor(ctx, page.error());
  http::Response r = FromShared(**page, content_type);
  r.headers.emplace_back("Vary", "Cookie");
  return stale_session ? ClearSessionCookie(ctx, std::move(r)) : r;
}

http::Response ServePublic(const Kit& ctx, const std::string& key, const std::string& content_type,
                           const PageBuilder& build) {
  if (MustBuildElsewhere(ctx, key)) return http::Response::OnWorker();
  auto page = SharedPage(ctx, key, build, std::nullopt);
  if (!page.ok()) return ErrorPageFor(ctx, page.error());
  return FromShared(**page, content_type);
}

}  // namespace dateline::web
