#pragma once
// The pages behind the reply emails' unsubscribe link, and the reader's own choice on
// /account.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/comments/context.hpp"

namespace dateline::web {

// GET: a page with one button. POST: stops the emails (a mail client's one-click POST
// carries no CSRF token; the keyed link is the proof).
http::Response UnsubscribeRepliesPage(const CommentsContext& ctx, const http::Request& request);
http::Response UnsubscribeRepliesSubmit(const CommentsContext& ctx, const http::Request& request);
// POST /account/notifications: the reader's choice, from /account.
http::Response AccountNotificationsSubmit(const CommentsContext& ctx, const http::Request& request);

}  // namespace dateline::web
