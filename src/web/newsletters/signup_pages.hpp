#pragma once
// /newsletters (sign up, or a signed-in reader's choices), the confirmation page of the
// double opt-in, each newsletter's archive of past issues, and POST /account/newsletters.

#include <set>
#include <string>
#include <vector>

#include "http/form.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "web/newsletters/context.hpp"

namespace dateline::web {

http::Response NewslettersPage(const NewslettersContext& ctx, const http::Request& request);
http::Response NewslettersSubmit(const NewslettersContext& ctx, const http::Request& request);
http::Response ConfirmNewslettersPage(const NewslettersContext& ctx, const http::Request& request);
http::Response ConfirmNewslettersSubmit(const NewslettersContext& ctx,
                                        const http::Request& request);
http::Response NewsletterArchivePage(const NewslettersContext& ctx, const http::Request& request);
http::Response AccountNewslettersSubmit(const NewslettersContext& ctx,
                                        const http::Request& request);

// The chosen newsletters' slugs in a posted form (every "newsletter" field).
std::set<std::string> ChosenSlugs(const http::Form& form);

}  // namespace dateline::web
