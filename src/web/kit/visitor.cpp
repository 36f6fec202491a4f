#include "web/kit/visitor.hpp"

#include "core/crypto.hpp"
#include "http/client_address.hpp"
#include "http/cookies.hpp"

namespace dateline::web {
namespace {

bool SecureSite(const Kit& ctx) { return ctx.config.SiteUrl().rfind("https://", 0) == 0; }

// The site's origin as browsers send it in Origin: scheme://host[:port].
std::string SiteOrigin(const Kit& ctx) {
  std::string url = ctx.config.SiteUrl();
  auto scheme_end = url.find("://");
  auto path = url.find('/', scheme_end + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

std::string TokenFor(const Kit& ctx, const std::string& cookie, const std::string& session_hash) {
  return core::KeyedHash(ctx.secret, "csrf", cookie + "|" + session_hash);
}

}  // namespace

std::string SessionCookieName(const Kit& ctx) {
  return SecureSite(ctx) ? "__Host-dl_session" : "dl_session";
}

std::string CsrfCookieName(const Kit& ctx) {
  return SecureSite(ctx) ? "__Host-dl_csrf" : "dl_csrf";
}

bool HasSessionCookie(const Kit& ctx, const http::Request& request) {
  auto header = request.Header("cookie");
  return !header.empty() && http::CookieValue(header, SessionCookieName(ctx)).has_value();
}

core::Result<Visitor> LoadVisitor(const Kit& ctx, const http::Request& request) {
  Visitor v;
  auto header = request.Header("cookie");
  if (auto session = http::CookieValue(header, SessionCookieName(ctx))) {
    v.session_token = std::string(*session);
    auto viewer = ctx.accounts.Authenticate(v.session_token);
    if (!viewer.ok()) return viewer.error();
    v.viewer = std::move(viewer.value());
  }
  std::optional<accounts::User> user;
  if (v.viewer) user = v.viewer->user;
  v.actor =
      accounts::ActorFor(user, request.remote_address, http::RateLimitKey(request.remote_address),
                         std::string(request.Header("user-agent")));
  if (v.actor.signed_in() && !v.actor.digital_access) {
    auto access = ctx.subscriptions.HasDigitalAccess(v.actor.user_id());
    if (!access.ok()) return access.error();
    v.actor.digital_access = *access;
  }
  auto csrf = http::CookieValue(header, CsrfCookieName(ctx));
  if (csrf && csrf->size() == 43) {
    v.csrf_cookie = std::string(*csrf);
  } else {
    v.csrf_cookie = core::RandomToken(32);
    v.csrf_cookie_is_new = true;
  }
  v.csrf_token = TokenFor(ctx, v.csrf_cookie, v.viewer ? v.viewer->session_hash : "");
  return v;
}

bool CsrfOk(const Kit& ctx, const http::Request& request, const Visitor& visitor,
            const http::Form& form) {
  // Pages sent with Referrer-Policy: no-referrer (reset, verify) make browsers send
  // "Origin: null"; Sec-Fetch-Site and the token still decide for those.
  std::string_view origin = request.Header("origin");
  if (!origin.empty() && origin != "null" && origin != SiteOrigin(ctx)) return false;
  std::string_view fetch_site = request.Header("sec-fetch-site");
  if (fetch_site == "cross-site" || fetch_site == "same-site") return false;
  if (visitor.csrf_cookie_is_new) return false;  // no cookie: the form was not ours
  auto sent = form.Get("csrf");
  return sent && core::ConstantTimeEquals(*sent, visitor.csrf_token);
}

void FinishVisitorResponse(const Kit& ctx, const Visitor& visitor, http::Response& r) {
  if (visitor.csrf_cookie_is_new) {
    http::CookieOptions o;
    o.secure = SecureSite(ctx);
    r.headers.emplace_back("Set-Cookie",
                           http::SetCookieHeader(CsrfCookieName(ctx), visitor.csrf_cookie, o));
  }
}

http::Response SetSessionCookie(const Kit& ctx, http::Response r, const std::string& token,
                                std::optional<int64_t> max_age) {
  http::CookieOptions o;
  o.secure = SecureSite(ctx);
  o.max_age = max_age;
  r.headers.emplace_back("Set-Cookie", http::SetCookieHeader(SessionCookieName(ctx), token, o));
  return r;
}

http::Response ClearSessionCookie(const Kit& ctx, http::Response r) {
  http::CookieOptions o;
  o.secure = SecureSite(ctx);
  o.max_age = 0;
  r.headers.emplace_back("Set-Cookie", http::SetCookieHeader(SessionCookieName(ctx), "", o));
  return r;
}

accounts::ClientInfo ClientOf(const http::Request& request) {
  return {request.remote_address, std::string(request.Header("user-agent")),
          http::RateLimitKey(request.remote_address)};
}

}  // namespace dateline::web
