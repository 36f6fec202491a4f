#include "web/accounts/login_pages.hpp"

#include "http/form.hpp"
#include "http/request_target.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

// Where to go after signing in: ?next=, else the page the reader came from (same site).
std::string NextFromRequest(const AccountsContext& ctx, const http::Request& request) {
  auto query = http::Form::Parse(request.query);
  if (query.ok() && query->Has("next")) return http::SafeNextPath(query->Value("next"));
  std::string_view referer = request.Header("referer");
  std::string site = ctx.config.SiteUrl();
  if (referer.rfind(site + "/", 0) == 0) {
    std::string path(referer.substr(site.size()));
    if (path.rfind("/login", 0) != 0 && path.rfind("/reset", 0) != 0 &&
        path.rfind("/signup", 0) != 0) {
      return http::SafeNextPath(path);
    }
  }
  return "/";
}

http::Response RenderLogin(const AccountsContext& ctx, const Visitor& v, const std::string& next,
                           const std::string& email, bool remember, const std::string& error,
                           const std::string& notice, int status) {
  render::View view;
  view["next"] = next;
  view["email"] = email;
  view["remember"] = remember;
  if (!error.empty()) view["error"] = error;
  if (!notice.empty()) view["notice"] = notice;
  PageMeta meta;
  meta.title = "Log in";
  return VisitorPage(ctx, v, meta, "pages/login", std::move(view), status);
}

// A same-site path the reader was heading for (?next= or a form's "next"), or "/".
std::string NextIn(const http::Form* form) {
  return form ? http::SafeNextPath(form->Value("next")) : "/";
}

http::Response RenderSignup(const AccountsContext& ctx, const Visitor& v, const http::Form* form,
                            const std::string& next, const std::string& error, int status) {
  render::View view;
  view["next"] = next;
  view["next_query"] = http::PercentEncode(next);
  view["min_length"] = std::to_string(ctx.accounts.policy().min_length());
  if (form) {
    view["email"] = form->Value("email");
    view["display_name"] = form->Value("display_name");
  }
  if (!error.empty()) view["error"] = error;
  PageMeta meta;
  meta.title = "Create an account";
  return VisitorPage(ctx, v, meta, "pages/signup", std::move(view), status);
}

http::Response RenderVerify(const AccountsContext& ctx, const Visitor& v, const std::string& token,
                            const std::string& next, const std::string& error, int status) {
  render::View view;
  view["next"] = next;
  if (!token.empty()) view["token"] = token;
  if (!error.empty()) view["error"] = error;
  PageMeta meta;
  meta.title = "Confirm your email";
  http::Response r = VisitorPage(ctx, v, meta, "pages/verify", std::move(view), status);
  r.SetHeader("Referrer-Policy", "no-referrer");  // the token is in this page's URL
  return r;
}

}  // namespace

http::Response LoginForm(const AccountsContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  std::string next = NextFromRequest(ctx, request);
  if (visitor->signed_in()) return SeeOther(next);
  auto query = http::Form::Parse(request.query);
  std::string notice;
  if (query.ok() && query->Value("reset") == "1") {
    notice = "Your password has been changed. Log in with your new password.";
  }
  return RenderLogin(ctx, *visitor, next, "", false, "", notice, 200);
}

http::Response LoginSubmit(const AccountsContext& ctx, const http::Request& request) {
  auto read = ReadPostedForm(ctx, request);
  if (!read.posted) return read.rejection;
  auto& visitor = read.posted->visitor;
  auto& form = read.posted->form;
  std::string next = http::SafeNextPath(form.Value("next"));
  bool remember = form.Value("remember") == "1";
  auto grant = ctx.accounts.LogIn(form.Value("email"), form.Value("password"), remember,
                                  visitor.session_token, ClientOf(request));
  if (!grant.ok()) {
    auto shown = FormErrorFor(grant.error());
    if (!shown) return ErrorPageFor(ctx, grant.error());
    return RenderLogin(ctx, visitor, next, form.Value("email"), remember, shown->message, "",
                       shown->status);
  }
  // A password set by someone else (the first admin's) must be replaced first.
  std::string target = grant->user.must_change_password ? "/account" : next;
  return SetSessionCookie(ctx, SeeOther(target), grant->token, grant->max_age);
}

http::Response LogoutSubmit(const AccountsContext& ctx, const http::Request& request) {
  auto read = ReadPostedForm(ctx, request);
  if (!read.posted) return read.rejection;
  auto status = ctx.accounts.LogOut(read.posted->visitor.session_token);
  if (!status.ok()) return ErrorPageFor(ctx, status.error());
  return ClearSessionCookie(ctx, SeeOther("/"));
}

http::Response SignupForm(const AccountsContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  if (visitor->signed_in()) return SeeOther("/account");
  return RenderSignup(ctx, *visitor, nullptr, NextFromRequest(ctx, request), "", 200);
}

http::Response SignupSubmit(const AccountsContext& ctx, const http::Request& request) {
  auto read = ReadPostedForm(ctx, request);
  if (!read.posted) return read.rejection;
  auto& visitor = read.posted->visitor;
  auto& form = read.posted->form;
  std::string next = NextIn(&form);
  auto status = ctx.accounts.SignUp(form.Value("email"), form.Value("display_name"),
                                    form.Value("password"), ClientOf(request), next);
  if (!status.ok()) {
    auto shown = FormErrorFor(status.error());
    if (!shown) return ErrorPageFor(ctx, status.error());
    return RenderSignup(ctx, visitor, &form, next, shown->message, shown->status);
  }
  // The same page whether the address was new or already had an account.
  return NoticePage(ctx, visitor, "Check your email",
                    {"We have sent a message to the address you gave. Follow its link, or enter "
                     "its code after you log in, to confirm your address.",
                     "You can log in now; commenting and subscribing need a confirmed address."},
                    "/login?next=" + http::PercentEncode(next), "Log in");
}

http::Response VerifyForm(const AccountsContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  auto query = http::Form::Parse(request.query);
  std::string token = query.ok() ? query->Value("token") : "";
  std::string next = query.ok() ? NextIn(&*query) : "/";
  if (token.empty() && !visitor->signed_in()) return SeeOther("/login?next=%2Fverify");
  // A link opens this page; only the button press confirms (mail scanners open links).
  if (!token.empty() && token.size() != 43) {
    // Cut short by a mail client, or mistyped: say so rather than show a bare code form.
    return RenderVerify(ctx, *visitor, "", next,
                        "This confirmation link is incomplete. Open it again from the email "
                        "(the whole link), or enter the code from the email below.",
                        400);
  }
  return RenderVerify(ctx, *visitor, token, next, "", 200);
}

http::Response VerifySubmit(const AccountsContext& ctx, const http::Request& request) {
  auto read = ReadPostedForm(ctx, request);
  if (!read.posted) return read.rejection;
  auto& visitor = read.posted->visitor;
  auto& form = read.posted->form;
  std::string next = NextIn(&form);
  // After confirming: back to where the reader was going (signing in first if need be).
  std::string onward = visitor.signed_in() ? next : "/login?next=" + http::PercentEncode(next);
  std::string onward_text =
      visitor.signed_in() ? (next == "/" ? "Go to the front page" : "Continue reading") : "Log in";
  core::Result<void> status;
  if (form.Has("token")) {
    auto outcome = ctx.accounts.ConfirmEmailByLink(form.Value("token"));
    if (outcome.ok() && *outcome == accounts::AccountService::LinkOutcome::kAlreadyConfirmed) {
      return NoticePage(ctx, visitor, "Your email is already confirmed",
                        {"This link was used before, and your address is confirmed. There is "
                         "nothing more to do."},
                        onward, onward_text);
    }
    if (!outcome.ok()) status = outcome.error();
  } else if (visitor.signed_in()) {
    status = ctx.accounts.ConfirmEmailByCode(visitor.viewer->user.id, form.Value("code"));
  } else {
    return SeeOther("/login?next=%2Fverify");
  }
  if (!status.ok()) {
    auto shown = FormErrorFor(status.error());
    if (!shown) return ErrorPageFor(ctx, status.error());
    return RenderVerify(ctx, visitor, "", next, shown->message, shown->status);
  }
  return NoticePage(ctx, visitor, "Your email is confirmed",
                    {"Thank you. Your address is confirmed."}, onward, onward_text);
}

}  // namespace dateline::web
