#include "web/newsletters/routes.hpp"

#include "web/newsletters/member_link_pages.hpp"
#include "web/newsletters/signup_pages.hpp"

namespace dateline::web {

using http::Method;

void RegisterNewsletterRoutes(http::Router& router, const NewslettersContext& ctx) {
  router.Add(Method::kGet, "/newsletters", Bind(ctx, NewslettersPage));
  router.Add(Method::kPost, "/newsletters", Bind(ctx, NewslettersSubmit));
  router.Add(Method::kGet, "/newsletters/confirm", Bind(ctx, ConfirmNewslettersPage));
  router.Add(Method::kPost, "/newsletters/confirm", Bind(ctx, ConfirmNewslettersSubmit));
  router.Add(Method::kGet, "/newsletters/unsubscribe", Bind(ctx, UnsubscribeNewsletterPage));
  // RFC 8058: a mail client's one-click unsubscribe POSTs here, with no cookie.
  router.Add(Method::kPost, "/newsletters/unsubscribe", Bind(ctx, UnsubscribeNewsletterSubmit));
  router.Add(Method::kGet, "/newsletters/preferences", Bind(ctx, NewsletterPreferencesPage));
  router.Add(Method::kPost, "/newsletters/preferences", Bind(ctx, NewsletterPreferencesSubmit));
  router.Add(Method::kGet, "/newsletters/{slug}", Bind(ctx, NewsletterArchivePage));
  router.Add(Method::kPost, "/account/newsletters", Bind(ctx, AccountNewslettersSubmit));
}

}  // namespace dateline::web
