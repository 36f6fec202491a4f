#pragma once
// Who is asking, for pages that differ by reader: the signed-in viewer if any, and the
// anti-CSRF token their forms must carry. Built per request from the cookies.
//
// CSRF defence (OWASP): a random cookie, and in every form an HMAC of that cookie (and of
// the session, when signed in) under the server secret; plus Origin / Sec-Fetch-Site
// checks. A cross-site POST has neither the token nor a same-site Origin.

#include <optional>
#include <string>

#include "accounts/account_service.hpp"
#include "accounts/actor.hpp"
#include "http/form.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "web/kit/kit.hpp"

namespace dateline::web {

struct Visitor {
  std::optional<accounts::Viewer> viewer;
  // Who acts, for the domain services: the user, their capabilities, their digital access,
  // the client address. Resolved here once per request; services decide from it.
  accounts::Actor actor;
  std::string csrf_cookie;          // the random value in the browser's CSRF cookie
  bool csrf_cookie_is_new = false;  // to be set on the response
  std::string csrf_token;           // what forms embed
  std::string session_token;        // from the session cookie (empty if none)

  bool signed_in() const { return viewer.has_value(); }
};

std::string SessionCookieName(const Kit& ctx);
std::string CsrfCookieName(const Kit& ctx);

// Whether the request carries a session cookie at all (cheap; no store access).
bool HasSessionCookie(const Kit& ctx, const http::Request& request);

// Reads the cookies and, if there is a session, looks it up in the store.
core::Result<Visitor> LoadVisitor(const Kit& ctx, const http::Request& request);

// True if a state-changing request may proceed: same-site by Origin/Sec-Fetch-Site and
// carrying the right token in the form field "csrf".
bool CsrfOk(const Kit& ctx, const http::Request& request, const Visitor& visitor,
            const http::Form& form);

// Adds what the visitor needs on the response (a new CSRF cookie).
void FinishVisitorResponse(const Kit& ctx, const Visitor& visitor, http::Response& r);

http::Response SetSessionCookie(const Kit& ctx, http::Response r, const std::string& token,
                                std::optional<int64_t> max_age);
http::Response ClearSessionCookie(const Kit& ctx, http::Response r);

accounts::ClientInfo ClientOf(const http::Request& request);

}  // namespace dateline::web
