#pragma once
// Answers for pages that differ by visitor (forms, account pages): rendered per request,
// never stored by caches, carrying the visitor's CSRF token and cookie.

#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/response.hpp"
#include "render/view.hpp"
#include "web/kit/layout.hpp"
#include "web/kit/visitor.hpp"

namespace dateline::web {

// Renders `template_name` in the layout. `view` gains "csrf" (the visitor's form token).
http::Response VisitorPage(const Kit& ctx, const Visitor& visitor, PageMeta meta,
                           const std::string& template_name, render::View view, int status = 200);

// A short page of paragraphs with an optional button link ("Check your email").
http::Response NoticePage(const Kit& ctx, const Visitor& visitor, const std::string& title,
                          const std::vector<std::string>& paragraphs,
                          const std::string& link_href = {}, const std::string& link_text = {},
                          int status = 200);

// The page for an action the visitor may not take: "Not for you", with the service's
// sentence for readers and the status HttpStatusFor gives (403, or 401).
http::Response NotForYou(const Kit& ctx, const Visitor& visitor, const core::Error& why);

// 303 See Other: the answer to a successful form POST.
http::Response SeeOther(const std::string& location);

// For pages whose forms answer with a redirect to the payment provider (checkout, billing
// portal): the browser applies form-action to that redirect, so the provider's page
// origins are added to it.
void AllowPaymentRedirects(const Kit& ctx, http::Response& response);

// 403 for a form that failed the CSRF or origin check: nothing was changed.
http::Response CsrfRejected(const Kit& ctx, const Visitor& visitor);

}  // namespace dateline::web
