#pragma once
// The newsroom's newsletter pages under /admin/newsletters: the newsletters and their
// readers, importing a list, sending a story or a digest (preview, test, schedule), each
// issue's progress, the members export, and the suppression list. Who may act is the
// newsletters services' decision (kArrangeSite).

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/newsletters/context.hpp"

namespace dateline::web {

http::Response AdminNewslettersPage(const NewslettersContext& ctx, const http::Request& request);
http::Response AdminNewslettersSubmit(const NewslettersContext& ctx, const http::Request& request);
http::Response AdminNewsletterImport(const NewslettersContext& ctx, const http::Request& request);
http::Response AdminMembersCsv(const NewslettersContext& ctx, const http::Request& request);
http::Response AdminSuppressionsPage(const NewslettersContext& ctx, const http::Request& request);
http::Response AdminSuppressionsSubmit(const NewslettersContext& ctx, const http::Request& request);

}  // namespace dateline::web
