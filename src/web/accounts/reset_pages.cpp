#include "web/accounts/reset_pages.hpp"

#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

http::Response NoReferrer(http::Response r) {
  r.SetHeader("Referrer-Policy", "no-referrer");
  return r;
}

http::Response RenderReset(const AccountsContext& ctx, const Visitor& v, const std::string& email,
                           const std::string& error, int status) {
  render::View view;
  view["email"] = email;
  if (!error.empty()) view["error"] = error;
  PageMeta meta;
  meta.title = "Reset your password";
  return NoReferrer(VisitorPage(ctx, v, meta, "pages/reset", std::move(view), status));
}

http::Response RenderCode(const AccountsContext& ctx, const Visitor& v, const http::Form* form,
                          const std::string& error, int status) {
  render::View view;
  view["min_length"] = std::to_string(ctx.accounts.policy().min_length());
  if (form) {
    view["email"] = form->Value("email");
    view["code"] = form->Value("code");
  }
  if (!error.empty()) view["error"] = error;
  PageMeta meta;
  meta.title = "Choose a new password";
  return NoReferrer(VisitorPage(ctx, v, meta, "pages/reset_code", std::move(view), status));
}

}  // namespace

http::Response ResetForm(const AccountsContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  return RenderReset(ctx, *visitor, "", "", 200);
}

http::Response ResetSubmit(const AccountsContext& ctx, const http::Request& request) {
  auto read = ReadPostedForm(ctx, request);
  if (!read.posted) return NoReferrer(std::move(read.rejection));
  auto& visitor = read.posted->visitor;
  auto& form = read.posted->form;
  auto status = ctx.accounts.RequestReset(form.Value("email"), ClientOf(request));
  if (!status.ok()) {
    // Only a malformed address or a store failure comes back; neither says anything
    // about whether an account exists.
    auto shown = FormErrorFor(status.error());
    if (!shown) return NoReferrer(ErrorPageFor(ctx, status.error()));
    return RenderReset(ctx, visitor, form.Value("email"), shown->message, shown->status);
  }
  PageMeta meta;
  meta.title = "Check your email";
  return NoReferrer(VisitorPage(ctx, visitor, meta, "pages/reset_sent", render::View()));
}

http::Response ResetCodeForm(const AccountsContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  return RenderCode(ctx, *visitor, nullptr, "", 200);
}

http::Response ResetCodeSubmit(const AccountsContext& ctx, const http::Request& request) {
  auto read = ReadPostedForm(ctx, request);
  if (!read.posted) return NoReferrer(std::move(read.rejection));
  auto& visitor = read.posted->visitor;
  auto& form = read.posted->form;
  auto status = ctx.accounts.ResetPassword(form.Value("email"), form.Value("code"),
                                           form.Value("password"), ClientOf(request));
  if (!status.ok()) {
    auto shown = FormErrorFor(status.error());
    if (!shown) return NoReferrer(ErrorPageFor(ctx, status.error()));
    return RenderCode(ctx, visitor, &form, shown->message, shown->status);
  }
  // Every session was revoked, this browser's included; no automatic sign-in.
  http::Response r = ClearSessionCookie(ctx, SeeOther("/login?reset=1"));
  return NoReferrer(std::move(r));
}

}  // namespace dateline::web
