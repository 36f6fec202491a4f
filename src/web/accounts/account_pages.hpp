#pragma once
// /account and its forms: name, password, email confirmation, sessions.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/accounts/context.hpp"

namespace dateline::web {

http::Response AccountPage(const AccountsContext& ctx, const http::Request& request);
http::Response AccountNameSubmit(const AccountsContext& ctx, const http::Request& request);
http::Response AccountPasswordSubmit(const AccountsContext& ctx, const http::Request& request);
http::Response AccountResendSubmit(const AccountsContext& ctx, const http::Request& request);
http::Response AccountRevokeSubmit(const AccountsContext& ctx, const http::Request& request);
http::Response AccountEmailSubmit(const AccountsContext& ctx, const http::Request& request);
http::Response AccountDeleteSubmit(const AccountsContext& ctx, const http::Request& request);
http::Response AccountDataDownload(const AccountsContext& ctx, const http::Request& request);

}  // namespace dateline::web
