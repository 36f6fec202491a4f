#include "web/newsletters/routes.hpp"

#include "web/newsletters/admin_pages.hpp"
#include "web/newsletters/member_link_pages.hpp"
#include "web/newsletters/send_pages.hpp"
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
  router.Add(Method::kGet, "/admin/newsletters", Bind(ctx, AdminNewslettersPage));
  router.Add(Method::kPost, "/admin/newsletters", Bind(ctx, AdminNewslettersSubmit));
  router.Add(Method::kPost, "/admin/newsletters/import", Bind(ctx, AdminNewsletterImport));
  router.Add(Method::kGet, "/admin/newsletters/members.csv", Bind(ctx, AdminMembersCsv));
  router.Add(Method::kGet, "/admin/newsletters/send", Bind(ctx, AdminSendPage));
  router.Add(Method::kPost, "/admin/newsletters/send", Bind(ctx, AdminSendSubmit));
  router.Add(Method::kGet, "/admin/newsletters/preview", Bind(ctx, AdminPreview));
  router.Add(Method::kGet, "/admin/newsletters/issues/{id}", Bind(ctx, AdminIssuePage));
  router.Add(Method::kPost, "/admin/newsletters/issues/{id}/cancel", Bind(ctx, AdminIssueCancel));
  router.Add(Method::kGet, "/admin/newsletters/suppressions", Bind(ctx, AdminSuppressionsPage));
  router.Add(Method::kPost, "/admin/newsletters/suppressions", Bind(ctx, AdminSuppressionsSubmit));
}

}  // namespace dateline::web
