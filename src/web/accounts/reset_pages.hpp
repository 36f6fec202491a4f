#pragma once
// /reset and /reset/code: password reset by emailed code. Both pages send
// Referrer-Policy: no-referrer.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/accounts/context.hpp"

namespace dateline::web {

http::Response ResetForm(const AccountsContext& ctx, const http::Request& request);
http::Response ResetSubmit(const AccountsContext& ctx, const http::Request& request);
http::Response ResetCodeForm(const AccountsContext& ctx, const http::Request& request);
http::Response ResetCodeSubmit(const AccountsContext& ctx, const http::Request& request);

}  // namespace dateline::web
