#include "web/admin/settings_page.hpp"

#include "core/time_format.hpp"
#include "core/time_zone.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

void Row(render::View& group, const std::string& key, const std::string& label,
         const std::string& value) {
  render::View row;
  row["key"] = key;
  row["label"] = label;
  row["value"] = value;
  group["rows"].Push(std::move(row));
}

// The store's kind and place, without the credentials a URL may carry.
std::string StoreDescription(const std::string& url) {
  if (url.rfind("postgres", 0) == 0) {
    size_t at = url.rfind('@');
    std::string where = at == std::string::npos ? "" : url.substr(at + 1);
    return "PostgreSQL" + (where.empty() ? std::string() : ", " + where) +
           " (several nodes may share it)";
  }
  return "SQLite, " + url.substr(url.find("://") == std::string::npos ? 0 : url.find("://") + 3);
}

}  // namespace

http::Response AdminSettingsPage(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto v = SignedInVisitor(ctx, request, instead, &accounts::MayViewSettings);
  if (!v) return instead;
  const core::Config& c = ctx.config;
  render::View view;
  render::View site;
  site["title"] = "The site";
  Row(site, "site_title", "Name in the masthead", c.site_title);
  Row(site, "site_url", "Public address", c.SiteUrl());
  Row(site, "time_zone", "Time zone of every time shown",
      core::SiteTimeZone() + " (now " + core::FormatHumanDateTime(ctx.clock.NowSeconds()) + ")");
  Row(site, "store", "Store", StoreDescription(c.StoreUrl()));
  view["groups"].Push(std::move(site));
  render::View reading;
  reading["title"] = "Reading and the paywall";
  Row(reading, "paywall_free_paragraphs", "Paragraphs shown before the paywall",
      std::to_string(c.paywall_free_paragraphs));
  Row(reading, "paywall_meter", "Free subscriber articles per 30 days (signed in)",
      c.paywall_meter == 0 ? std::string("off") : std::to_string(c.paywall_meter));
  Row(reading, "payments.provider", "How subscriptions are paid",
      c.payments.provider == "stripe" ? std::string("Stripe (Checkout and webhooks)")
                                      : std::string("Offline: requests, grants and gift codes"));
  Row(reading, "past_due_grace_days", "Days of access after a failed renewal",
      std::to_string(c.past_due_grace_days));
  view["groups"].Push(std::move(reading));
  render::View people;
  people["title"] = "Accounts and comments";
  Row(people, "password_min_length", "Shortest password", std::to_string(c.password_min_length));
  Row(people, "login_attempts_per_ip", "Sign-in attempts per address per 15 minutes",
      std::to_string(c.login_attempts_per_ip));
  Row(people, "comment_posts_per_minute", "Comments per reader per minute",
      std::to_string(c.comment_posts_per_minute));
  Row(people, "comment_posts_per_hour", "Comments per reader per hour",
      std::to_string(c.comment_posts_per_hour));
  view["groups"].Push(std::move(people));
  render::View mail;
  mail["title"] = "Mail";
  Row(mail, "mail.transport", "How mail leaves",
      c.mail.transport == "smtp" ? "SMTP, " + c.mail.smtp_url.substr(0, c.mail.smtp_url.find('@'))
                                 : "Files under " + c.MailDir() + " (nothing is sent)");
  Row(mail, "mail.from_address", "Sender", c.MailFromAddress());
  Row(mail, "mail.smtp_password", "SMTP password",
      c.mail.smtp_password.empty() ? "not set" : "set");
  view["groups"].Push(std::move(mail));
  PageMeta meta;
  meta.title = "Settings";
  return VisitorPage(ctx, *v, meta, "pages/admin_settings", std::move(view));
}

}  // namespace dateline::web
