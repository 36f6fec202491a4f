#include "web/site.hpp"

#include <cctype>

#include "web/accounts/routes.hpp"
#include "web/admin/routes.hpp"
#include "web/api/routes.hpp"
#include "web/articles/article_pages.hpp"
#include "web/articles/routes.hpp"
#include "web/comments/live_comments_stream.hpp"
#include "web/comments/routes.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/visitor.hpp"
#include "web/media/media_pages.hpp"
#include "web/newsletters/routes.hpp"
#include "web/operations.hpp"
#include "web/subscriptions/routes.hpp"

namespace dateline::web {

using http::Method;
using http::Request;
using http::Response;

Site::Site(const SiteServices& s)
    : services_(s),
      kit_(s),
      comments_{s, s.articles, s.comments, s.live},
      articles_{s,       s.articles, s.structure, s.media,      s.site_pages,
                s.meter, s.comments, comments_,   s.newsletters},
      media_{s, s.media},
      accounts_{s, s.requests, s.billing, s.comments, s.memberships},
      subscriptions_{s, s.billing, s.gift_codes, s.requests, s.stripe_webhook},
      admin_{s, s.site_pages, s.comments, s.articles},
      newsletters_{s, s.newsletters, s.memberships, s.deliveries, s.articles},
      api_{s, s.articles, s.structure, s.site_pages, s.media, s.api_keys, s.webhooks} {
  RegisterArticleRoutes(router_, articles_);
  RegisterMediaRoutes(router_, media_);
  RegisterCommentRoutes(router_, comments_);
  RegisterAccountRoutes(router_, accounts_);
  RegisterSubscriptionRoutes(router_, subscriptions_);
  RegisterAdminRoutes(router_, admin_);
  RegisterNewsletterRoutes(router_, newsletters_);
  RegisterApiRoutes(router_, api_);

  constexpr http::Lane kQuick = http::Lane::kInline;
  router_.AddPrefix(
      Method::kGet, std::string(http::StaticFiles::kPrefix),
      [this](const Request& r) {
        Response res = kit_.static_files.Serve(r);
        return res.status == 404 ? ErrorPage(kit_, 404) : res;
      },
      kQuick);
  // Browsers and feed readers ask for /favicon.ico whatever the page links: send them to
  // the icon (a vector one; every current browser takes it).
  router_.Add(
      Method::kGet, "/favicon.ico",
      [this](const Request&) {
        Response r = Response::Redirect(301, kit_.static_files.Url("favicon.svg"));
        r.headers.emplace_back("Cache-Control", "public, max-age=86400");
        return r;
      },
      kQuick);
  RegisterOperationsRoutes(router_, services_);
}

void Site::ForgetArticlePages(int64_t article_id) const {
  web::ForgetArticlePages(articles_, article_id);
}

void Site::PublishLiveComment(int64_t comment_id) const {
  web::PublishLiveComment(comments_, comment_id);
}

namespace {

// WordPress addressed posts as "/?p=123": the front page's address with a query only an
// imported site's old links carry.
bool OldPostQuery(const Request& request) {
  return request.path == "/" &&
         (request.query.rfind("p=", 0) == 0 || request.query.find("&p=") != std::string::npos ||
          request.query.find("page_id=") != std::string::npos);
}

}  // namespace

http::Lane Site::LaneOf(const Request& request) const {
  using http::Lane;
  bool reads = request.method == Method::kGet || request.method == Method::kHead;
  if (reads && OldPostQuery(request)) return Lane::kWorkers;  // looked up in the store
  auto match = router_.Match(request.method, request.path);
  // No route: an error page, unless an import left a redirect (the store says).
  if (match.kind == http::RouteMatch::Kind::kNotFound) return Lane::kWorkers;
  if (match.kind != http::RouteMatch::Kind::kFound) return Lane::kInline;
  if (match.lane == Lane::kHashing) return Lane::kHashing;
  // A change to the store waits mostly for its commit: on the writers' pool.
  if (!reads) return Lane::kWrites;
  // A signed-in reader's page needs the store (the session), so it goes to a worker.
  if (reads && match.lane == Lane::kInline && !HasSessionCookie(kit_, request)) {
    return Lane::kInline;
  }
  return Lane::kWorkers;
}

std::optional<Response> Site::RedirectedAddress(const Request& request) const {
  if (!services_.find_redirect) return std::nullopt;
  auto target = services_.find_redirect(request.path, request.query);
  if (!target.ok()) return ErrorPageFor(kit_, target.error());
  if (!*target) return std::nullopt;
  Response r = Response::Redirect(301, **target);
  r.headers.emplace_back("Cache-Control", "public, max-age=86400");
  return r;
}

Response Site::Handle(Request& request) const {
  bool read = request.method == Method::kGet || request.method == Method::kHead;
  if (read && OldPostQuery(request)) {
    if (auto moved = RedirectedAddress(request)) return std::move(*moved);
  }
  auto match = router_.Match(request.method, request.path);
  switch (match.kind) {
    case http::RouteMatch::Kind::kFound:
      request.route = *match.pattern;
      if (auto held = HeldForPasswordChange(request)) return std::move(*held);
      request.path_params = std::move(match.params);
      return (*match.handler)(request);
    case http::RouteMatch::Kind::kMethodNotAllowed: {
      Response r = ErrorPage(kit_, 405);
      r.headers.emplace_back("Allow", match.allow);
      return r;
    }
    case http::RouteMatch::Kind::kNotFound:
      break;
  }
  // An imported site's old addresses ("/2016/08/26/slug/") answer with where they went.
  if (read) {
    if (auto moved = RedirectedAddress(request)) return std::move(*moved);
  }
  // "/articles/x/" and friends: one canonical address per page.
  if (request.path.size() > 1 && request.path.back() == '/' &&
      (request.method == Method::kGet || request.method == Method::kHead)) {
    std::string trimmed = request.path;
    while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
    // Only plain paths are echoed into Location: no "//host", no control characters.
    bool plain = trimmed.find("//") == std::string::npos;
    for (char c : trimmed) {
      plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                        c == '.' || c == '/');
    }
    if (plain && router_.Match(Method::kGet, trimmed).kind == http::RouteMatch::Kind::kFound) {
      return Response::Redirect(308, trimmed);
    }
  }
  return ErrorPage(kit_, 404);
}

Response Site::Error(int status) const { return ErrorPage(kit_, status); }

std::optional<Response> Site::HeldForPasswordChange(const Request& request) const {
  if (!HasSessionCookie(kit_, request)) return std::nullopt;
  bool read = request.method == Method::kGet || request.method == Method::kHead;
  const std::string& path = request.path;
  if ((read && (path == "/account" || path == "/healthz" || path == "/readyz" ||
                path == "/metrics" || path.rfind(http::StaticFiles::kPrefix, 0) == 0)) ||
      (request.method == Method::kPost && (path == "/account/password" || path == "/logout"))) {
    return std::nullopt;
  }
  auto visitor = LoadVisitor(kit_, request);
  if (!visitor.ok()) return ErrorPageFor(kit_, visitor.error());
  if (!visitor->signed_in() || !visitor->viewer->user.must_change_password) return std::nullopt;
  if (read) return Response::Redirect(303, "/account");
  return ErrorPage(kit_, 403);
}

}  // namespace dateline::web
