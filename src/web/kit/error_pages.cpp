#include "web/kit/error_pages.hpp"

#include <spdlog/spdlog.h>

#include "web/kit/layout.hpp"

namespace dateline::web {
namespace {

struct ErrorText {
  int status;
  const char* heading;
  const char* message;
};

constexpr ErrorText kErrors[] = {
    {400, "Bad request", "The request could not be understood. Check the address and try again."},
    {401, "Sign in first", "Sign in to do that."},
    {403, "Forbidden", "You do not have permission to do that."},
    {404, "Page not found",
     "We could not find that page. It may have moved, or the address may be mistyped."},
    {405, "Method not allowed", "This address does not accept that kind of request."},
    {408, "Request timeout", "The request took too long to arrive."},
    {409, "That changed meanwhile",
     "What you acted on changed while you were working. Look again, then try once more."},
    {410, "No longer published",
     "The story that was here has been taken down. Our front page has the latest news."},
    {413, "Request too large", "What was sent is larger than this site accepts."},
    {429, "Too many attempts", "Too many attempts. Wait a few minutes, then try again."},
    {431, "Request headers too large", "The request carried more header data than we accept."},
    {500, "Something went wrong",
     "An error on our side stopped this page from loading. It has been logged; please try "
     "again in a moment."},
    {503, "Temporarily unavailable",
     "The site is busy or being maintained. Please try again in a moment."},
};

const ErrorText& TextFor(int status) {
  for (const auto& e : kErrors) {
    if (e.status == status) return e;
  }
  if (status != 500) return TextFor(500);
  return TextFor(500);
}

}  // namespace

int HttpStatusFor(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidArgument:
      return 400;
    case core::ErrorCode::kUnauthenticated:
      return 401;
    case core::ErrorCode::kPermissionDenied:
      return 403;
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kAlreadyExists:
    case core::ErrorCode::kConflict:
      return 409;
    case core::ErrorCode::kRateLimited:
      return 429;
    case core::ErrorCode::kUnavailable:
      return 503;
    case core::ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

std::string ReaderSentence(const core::Error& error) {
  if (!error.reader.empty()) return error.reader;
  if (error.code == core::ErrorCode::kInvalidArgument) {
    return "That could not be used. Check what you entered and try again.";
  }
  return TextFor(HttpStatusFor(error.code)).message;
}

http::Response ErrorPage(const Kit& ctx, int status) {
  const ErrorText& text = TextFor(status);
  render::View view;
  view["status"] = std::to_string(status);
  view["heading"] = text.heading;
  view["message"] = text.message;
  PageMeta meta;
  meta.title = text.heading;
  meta.body_class = "page-error";
  http::Response r;
  r.status = status;
  r.headers.emplace_back("Cache-Control", "no-store");
  auto html = RenderPage(ctx, meta, "pages/error", view);
  if (html.ok()) {
    r.body = std::move(html.value());
  } else {
    spdlog::error("error page {} failed to render: {}", status, html.error().message);
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::to_string(status) + " " + text.heading + "\n";
  }
  return r;
}

http::Response ErrorPageFor(const Kit& ctx, const core::Error& error) {
  int status = HttpStatusFor(error.code);
  if (status == 503) {
    spdlog::warn("service unavailable: {}", error.message);
  } else if (status >= 500) {
    spdlog::error("request failed: {}: {}", core::ErrorCodeName(error.code), error.message);
  }
  return ErrorPage(ctx, status);
}

}  // namespace dateline::web
