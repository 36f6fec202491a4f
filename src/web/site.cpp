#include "web/site.hpp"

#include <cctype>

#include "store/content_generation.hpp"
#include "web/account_pages.hpp"
#include "web/admin_pages.hpp"
#include "web/api.hpp"
#include "web/article_pages.hpp"
#include "web/billing_pages.hpp"
#include "web/comment_admin_pages.hpp"
#include "web/comment_emails.hpp"
#include "web/comment_pages.hpp"
#include "web/error_pages.hpp"
#include "web/feeds.hpp"
#include "web/live_comments_stream.hpp"
#include "web/login_pages.hpp"
#include "web/request_pages.hpp"
#include "web/reset_pages.hpp"
#include "web/search_pages.hpp"
#include "web/site_pages.hpp"
#include "web/subscribe_pages.hpp"
#include "web/visitor.hpp"

namespace dateline::web {

using http::Method;
using http::Request;
using http::Response;

Site::Site(const SiteContext& ctx) : ctx_(ctx) {
  auto page = [this](Response (*handler)(const SiteContext&, const Request&)) {
    return [this, handler](const Request& r) { return handler(ctx_, r); };
  };
  constexpr bool kQuick = true;  // answered from the page cache for anonymous readers
  router_.Add(Method::kGet, "/", page(FrontPage), kQuick);
  router_.Add(Method::kGet, "/articles/{slug}", page(ArticlePage), kQuick);
  router_.Add(
      Method::kGet, "/comments-policy",
      [this](const Request& r) { return SitePage(ctx_, r, pages::kCommentsPolicySlug); }, kQuick);
  router_.Add(Method::kGet, "/feed.xml", page(RssFeed), kQuick);
  router_.Add(Method::kGet, "/sitemap.xml", page(Sitemap), kQuick);
  router_.Add(Method::kGet, "/robots.txt", page(RobotsTxt), kQuick);
  // Browsers and feed readers ask for /favicon.ico whatever the page links: send them to
  // the icon (a vector one; every current browser takes it).
  router_.Add(
      Method::kGet, "/favicon.ico",
      [this](const Request&) {
        Response r = Response::Redirect(301, ctx_.static_files.Url("favicon.svg"));
        r.headers.emplace_back("Cache-Control", "public, max-age=86400");
        return r;
      },
      kQuick);
  router_.Add(Method::kGet, "/api/articles", page(ApiArticleList), kQuick);
  router_.Add(Method::kGet, "/api/articles/{slug}", page(ApiArticle), kQuick);
  router_.Add(Method::kGet, "/search", page(SearchPage));
  router_.Add(Method::kGet, "/articles/{slug}/comments", page(CommentsPage));
  router_.Add(Method::kPost, "/articles/{slug}/comments", page(CommentSubmit));
  router_.Add(Method::kGet, "/articles/{slug}/comments/events", page(CommentEventsStream));
  router_.Add(Method::kPost, "/comments/{id}/edit", page(CommentEditSubmit));
  router_.Add(Method::kPost, "/comments/{id}/delete", page(CommentDeleteSubmit));
  router_.Add(Method::kPost, "/comments/{id}/recommend", page(CommentRecommendSubmit));
  router_.Add(Method::kPost, "/comments/{id}/flag", page(CommentFlagSubmit));
  router_.Add(Method::kGet, "/comments/{id}/fragment", page(CommentFragment));
  router_.Add(Method::kGet, "/admin/comments", page(AdminCommentsPage));
  router_.Add(Method::kGet, "/admin/pages/comments-policy", page(AdminPolicyPage));
  router_.Add(Method::kPost, "/admin/pages/comments-policy", page(AdminPolicySubmit));
  router_.Add(Method::kGet, "/unsubscribe/replies", page(UnsubscribeRepliesPage));
  router_.Add(Method::kPost, "/unsubscribe/replies", page(UnsubscribeRepliesSubmit));
  router_.Add(Method::kPost, "/account/notifications", page(AccountNotificationsSubmit));
  router_.Add(Method::kPost, "/admin/comments/settings", page(AdminCommentSettingsSubmit));
  router_.Add(Method::kPost, "/admin/comments/{id}/approve", page(AdminCommentApprove));
  router_.Add(Method::kPost, "/admin/comments/{id}/reject", page(AdminCommentReject));
  router_.Add(Method::kPost, "/admin/comments/{id}/feature", page(AdminCommentFeature));
  router_.Add(Method::kPost, "/admin/comments/{id}/suspend", page(AdminCommentSuspend));
  router_.Add(Method::kPost, "/admin/commenters/{id}/lift", page(AdminCommenterLift));
  router_.Add(Method::kPost, "/admin/articles/{slug}/comments", page(AdminArticleCommentsSubmit));
  router_.AddPrefix(
      Method::kGet, std::string(http::StaticFiles::kPrefix),
      [this](const Request& r) {
        Response res = ctx_.static_files.Serve(r);
        return res.status == 404 ? ErrorPage(ctx_, 404) : res;
      },
      kQuick);

  router_.Add(Method::kGet, "/login", page(LoginForm));
  router_.Add(Method::kPost, "/login", page(LoginSubmit));
  router_.Add(Method::kPost, "/logout", page(LogoutSubmit));
  router_.Add(Method::kGet, "/signup", page(SignupForm));
  router_.Add(Method::kPost, "/signup", page(SignupSubmit));
  router_.Add(Method::kGet, "/verify", page(VerifyForm));
  router_.Add(Method::kPost, "/verify", page(VerifySubmit));
  router_.Add(Method::kGet, "/reset", page(ResetForm));
  router_.Add(Method::kPost, "/reset", page(ResetSubmit));
  router_.Add(Method::kGet, "/reset/code", page(ResetCodeForm));
  router_.Add(Method::kPost, "/reset/code", page(ResetCodeSubmit));
  router_.Add(Method::kGet, "/account", page(AccountPage));
  router_.Add(Method::kPost, "/account/name", page(AccountNameSubmit));
  router_.Add(Method::kPost, "/account/password", page(AccountPasswordSubmit));
  router_.Add(Method::kPost, "/account/verify/resend", page(AccountResendSubmit));
  router_.Add(Method::kPost, "/account/sessions/revoke", page(AccountRevokeSubmit));
  router_.Add(Method::kPost, "/account/email", page(AccountEmailSubmit));
  router_.Add(Method::kPost, "/account/delete", page(AccountDeleteSubmit));
  router_.Add(Method::kGet, "/account/data", page(AccountDataDownload));
  router_.Add(Method::kGet, "/subscribe", page(SubscribePage));
  router_.Add(Method::kGet, "/admin/members", page(AdminMembersPage));
  router_.Add(Method::kPost, "/admin/members/grant", page(AdminGrantSubmit));
  router_.Add(Method::kPost, "/admin/members/revoke", page(AdminRevokeSubmit));
  router_.Add(Method::kGet, "/admin/plans", page(AdminPlansPage));
  router_.Add(Method::kPost, "/admin/plans", page(AdminPlanSubmit));
  router_.Add(Method::kPost, "/admin/plans/withdraw", page(AdminPlanWithdraw));
  router_.Add(Method::kGet, "/subscribe/redeem", page(RedeemForm));
  router_.Add(Method::kPost, "/subscribe/redeem", page(RedeemSubmit));
  router_.Add(Method::kPost, "/subscribe/checkout", page(CheckoutSubmit));
  router_.Add(Method::kPost, "/account/billing", page(AccountBillingSubmit));
  router_.Add(Method::kPost, "/account/subscription/cancel", page(AccountCancelSubmit));
  router_.Add(Method::kPost, "/account/subscription/resume", page(AccountResumeSubmit));
  router_.Add(Method::kPost, "/webhooks/stripe", page(StripeWebhookReceive));
  router_.Add(Method::kGet, "/subscribe/request", page(SubscriptionRequestForm));
  router_.Add(Method::kPost, "/subscribe/request", page(SubscriptionRequestSubmit));
  router_.Add(Method::kGet, "/admin/requests", page(AdminRequestsPage));
  router_.Add(Method::kPost, "/admin/requests/{id}/approve", page(AdminRequestApprove));
  router_.Add(Method::kPost, "/admin/requests/{id}/decline", page(AdminRequestDecline));
  router_.Add(Method::kGet, "/admin/gifts", page(AdminGiftsPage));
  router_.Add(Method::kPost, "/admin/gifts", page(AdminGiftsSubmit));

  // For load balancers and monitors: 200 when the store answers, 503 when it does not.
  router_.Add(Method::kGet, "/healthz", [this](const Request&) {
    auto generation = store::ReadContentGeneration(ctx_.db);
    Response r = Response::Text(generation.ok() ? 200 : 503,
                                generation.ok() ? "ok\n" : "store unavailable\n");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
}

bool Site::RunsInline(const Request& request) const {
  if (request.method != Method::kGet && request.method != Method::kHead) return false;
  auto match = router_.Match(request.method, request.path);
  if (match.kind != http::RouteMatch::Kind::kFound) return true;  // an error page
  // A signed-in reader's page needs the store (the session), so it goes to a worker.
  return match.quick && !HasSessionCookie(ctx_, request);
}

Response Site::Handle(Request& request) const {
  auto match = router_.Match(request.method, request.path);
  switch (match.kind) {
    case http::RouteMatch::Kind::kFound:
      if (auto held = HeldForPasswordChange(request)) return std::move(*held);
      request.path_params = std::move(match.params);
      return (*match.handler)(request);
    case http::RouteMatch::Kind::kMethodNotAllowed: {
      Response r = ErrorPage(ctx_, 405);
      r.headers.emplace_back("Allow", match.allow);
      return r;
    }
    case http::RouteMatch::Kind::kNotFound:
      break;
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
  return ErrorPage(ctx_, 404);
}

Response Site::Error(int status) const { return ErrorPage(ctx_, status); }

std::optional<Response> Site::HeldForPasswordChange(const Request& request) const {
  if (!HasSessionCookie(ctx_, request)) return std::nullopt;
  bool read = request.method == Method::kGet || request.method == Method::kHead;
  const std::string& path = request.path;
  if ((read && (path == "/account" || path == "/healthz" ||
                path.rfind(http::StaticFiles::kPrefix, 0) == 0)) ||
      (request.method == Method::kPost && (path == "/account/password" || path == "/logout"))) {
    return std::nullopt;
  }
  auto visitor = LoadVisitor(ctx_, request);
  if (!visitor.ok()) return ErrorPageFor(ctx_, visitor.error());
  if (!visitor->signed_in() || !visitor->viewer->user.must_change_password) return std::nullopt;
  if (read) return Response::Redirect(303, "/account");
  return ErrorPage(ctx_, 403);
}

}  // namespace dateline::web
