#pragma once
// The keyed links in every newsletter email: unsubscribe (a page with a button, and the
// RFC 8058 one-click POST a mail client sends with no cookie) and the reader's
// preferences. The link's key is the authority; no sign-in, no form token.

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/newsletters/context.hpp"

namespace dateline::web {

http::Response UnsubscribeNewsletterPage(const NewslettersContext& ctx,
                                         const http::Request& request);
http::Response UnsubscribeNewsletterSubmit(const NewslettersContext& ctx,
                                           const http::Request& request);
http::Response NewsletterPreferencesPage(const NewslettersContext& ctx,
                                         const http::Request& request);
http::Response NewsletterPreferencesSubmit(const NewslettersContext& ctx,
                                           const http::Request& request);

}  // namespace dateline::web
