#include "web/kit/page_response.hpp"

#include "http/security_headers.hpp"
#include "web/kit/error_pages.hpp"

namespace dateline::web {

http::Response VisitorPage(const Kit& ctx, const Visitor& visitor, PageMeta meta,
                           const std::string& template_name, render::View view, int status) {
  view["csrf"] = visitor.csrf_token;
  meta.visitor = &visitor;
  auto html = RenderPage(ctx, meta, template_name, view);
  if (!html.ok()) return ErrorPageFor(ctx, html.error());
  http::Response r;
  r.status = status;
  r.body = std::move(html.value());
  r.headers.emplace_back("Cache-Control", "no-store");
  FinishVisitorResponse(ctx, visitor, r);
  return r;
}

http::Response NoticePage(const Kit& ctx, const Visitor& visitor, const std::string& title,
                          const std::vector<std::string>& paragraphs, const std::string& link_href,
                          const std::string& link_text, int status) {
  render::View view;
  view["title"] = title;
  render::View::List list;
  for (const auto& p : paragraphs) list.emplace_back(p);
  view["paragraphs"] = render::View(std::move(list));
  if (!link_href.empty()) {
    view["link_href"] = link_href;
    view["link_text"] = link_text;
  }
  PageMeta meta;
  meta.title = title;
  return VisitorPage(ctx, visitor, meta, "pages/notice", std::move(view), status);
}

http::Response NotForYou(const Kit& ctx, const Visitor& visitor, const core::Error& why) {
  return NoticePage(ctx, visitor, "Not for you", {ReaderSentence(why)}, "/", "Go to the front page",
                    HttpStatusFor(why.code));
}

http::Response SeeOther(const std::string& location) {
  http::Response r = http::Response::Redirect(303, location);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

http::Response CsrfRejected(const Kit& ctx, const Visitor& visitor) {
  return NoticePage(ctx, visitor, "This form has expired",
                    {"For your security, the form could not be accepted: it was sent from "
                     "another site, or it is too old. Nothing was changed.",
                     "Go back, reload the page, and try again."},
                    "/", "Go to the front page", 403);
}

void AllowPaymentRedirects(const Kit& ctx, http::Response& response) {
  const auto& pay = ctx.config.payments;
  if (pay.provider != "stripe") return;
  // Stripe's hosted pages live on their own hosts; a stand-in (or proxy) serves them from
  // the API's origin.
  std::string origins = "https://checkout.stripe.com https://billing.stripe.com";
  if (pay.stripe_api_base.rfind("https://api.stripe.com", 0) != 0) {
    size_t host = pay.stripe_api_base.find("://");
    size_t path = pay.stripe_api_base.find('/', host == std::string::npos ? 0 : host + 3);
    origins = pay.stripe_api_base.substr(0, path);
  }
  std::string csp(http::kContentSecurityPolicy);
  const std::string_view directive = "form-action 'self'";
  csp.replace(csp.find(directive), directive.size(), std::string(directive) + " " + origins);
  response.headers.emplace_back("Content-Security-Policy", std::move(csp));
}

}  // namespace dateline::web
