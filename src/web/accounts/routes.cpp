#include "web/accounts/routes.hpp"

#include "web/accounts/account_pages.hpp"
#include "web/accounts/login_pages.hpp"
#include "web/accounts/reset_pages.hpp"

namespace dateline::web {

using http::Method;

void RegisterAccountRoutes(http::Router& router, const AccountsContext& ctx) {
  // The answers that hash or check a password run on their own pool (http::Lane).
  constexpr http::Lane kHashing = http::Lane::kHashing;
  router.Add(Method::kGet, "/login", Bind(ctx, LoginForm));
  router.Add(Method::kPost, "/login", Bind(ctx, LoginSubmit), kHashing);
  router.Add(Method::kPost, "/logout", Bind(ctx, LogoutSubmit));
  router.Add(Method::kGet, "/signup", Bind(ctx, SignupForm));
  router.Add(Method::kPost, "/signup", Bind(ctx, SignupSubmit), kHashing);
  router.Add(Method::kGet, "/verify", Bind(ctx, VerifyForm));
  router.Add(Method::kPost, "/verify", Bind(ctx, VerifySubmit));
  router.Add(Method::kGet, "/reset", Bind(ctx, ResetForm));
  router.Add(Method::kPost, "/reset", Bind(ctx, ResetSubmit));
  router.Add(Method::kGet, "/reset/code", Bind(ctx, ResetCodeForm));
  router.Add(Method::kPost, "/reset/code", Bind(ctx, ResetCodeSubmit), kHashing);
  router.Add(Method::kGet, "/account", Bind(ctx, AccountPage));
  router.Add(Method::kPost, "/account/name", Bind(ctx, AccountNameSubmit));
  router.Add(Method::kPost, "/account/password", Bind(ctx, AccountPasswordSubmit), kHashing);
  router.Add(Method::kPost, "/account/verify/resend", Bind(ctx, AccountResendSubmit));
  router.Add(Method::kPost, "/account/sessions/revoke", Bind(ctx, AccountRevokeSubmit));
  router.Add(Method::kPost, "/account/email", Bind(ctx, AccountEmailSubmit), kHashing);
  router.Add(Method::kPost, "/account/delete", Bind(ctx, AccountDeleteSubmit), kHashing);
  router.Add(Method::kGet, "/account/data", Bind(ctx, AccountDataDownload));
}

}  // namespace dateline::web
