#pragma once
// Sending from the newsroom: /admin/newsletters/send (a story from its editor, or a
// digest), the email's preview as readers will see it (HTML in a sandboxed frame, and its
// text part), a test copy to the editor, and each issue's progress page.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/newsletters/context.hpp"

namespace dateline::web {

http::Response AdminSendPage(const NewslettersContext& ctx, const http::Request& request);
http::Response AdminSendSubmit(const NewslettersContext& ctx, const http::Request& request);
http::Response AdminPreview(const NewslettersContext& ctx, const http::Request& request);
http::Response AdminIssuePage(const NewslettersContext& ctx, const http::Request& request);
http::Response AdminIssueCancel(const NewslettersContext& ctx, const http::Request& request);

}  // namespace dateline::web
