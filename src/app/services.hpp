#pragma once
// The composition root's parts: every service built once, in dependency order, and
// owned here. main.cpp builds one Services per process and passes references down.

#include <memory>

#include "accounts/account_service.hpp"
#include "accounts/api_keys.hpp"
#include "accounts/password_policy.hpp"
#include "accounts/session_store.hpp"
#include "accounts/user_store.hpp"
#include "articles/article_service.hpp"
#include "articles/article_store.hpp"
#include "articles/structure_service.hpp"
#include "comments/comment_service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "imports/import_store.hpp"
#include "mail/outbox_store.hpp"
#include "mail/transport.hpp"
#include "media/media_service.hpp"
#include "newsletters/delivery_service.hpp"
#include "newsletters/membership_service.hpp"
#include "newsletters/newsletter_service.hpp"
#include "notify/account_emails.hpp"
#include "notify/reply_emails.hpp"
#include "notify/request_emails.hpp"
#include "pages/site_page.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "render/templates.hpp"
#include "store/db.hpp"
#include "subscriptions/article_meter.hpp"
#include "subscriptions/billing.hpp"
#include "subscriptions/gift_codes.hpp"
#include "subscriptions/payment_provider.hpp"
#include "subscriptions/stripe_webhook.hpp"
#include "subscriptions/subscription_requests.hpp"
#include "subscriptions/subscription_service.hpp"
#include "webhooks/webhook_service.hpp"

namespace dateline::app {

struct Services {
  core::SystemClock clock;
  std::string resources_dir;
  core::SecretKey secret{};
  std::unique_ptr<store::Db> db;
  std::unique_ptr<render::Templates> templates;
  std::unique_ptr<articles::ArticleStore> article_store;
  std::unique_ptr<articles::ArticleService> articles;
  std::unique_ptr<articles::StructureStore> structure_store;
  std::unique_ptr<articles::StructureService> structure;  // sections, tags, authors
  std::unique_ptr<media::MediaStore> media_store;
  std::unique_ptr<media::MediaService> media;
  std::unique_ptr<newsletters::NewsletterStore> newsletter_store;
  std::unique_ptr<newsletters::NewsletterService> newsletters;
  std::unique_ptr<pages::SitePages> site_pages;
  std::unique_ptr<accounts::UserStore> users;
  std::unique_ptr<accounts::SessionStore> sessions;
  std::unique_ptr<ratelimit::RateLimiter> limiter;
  std::unique_ptr<accounts::PasswordPolicy> password_policy;
  std::unique_ptr<notify::TemplateAccountMailer> account_mailer;
  std::unique_ptr<accounts::AccountService> accounts;
  std::unique_ptr<mail::Outbox> outbox;
  std::unique_ptr<subscriptions::SubscriptionService> subscriptions;
  std::unique_ptr<subscriptions::GiftCodes> gift_codes;
  std::unique_ptr<notify::TemplateRequestMailer> request_mailer;
  std::unique_ptr<subscriptions::SubscriptionRequests> requests;
  std::unique_ptr<subscriptions::PaymentProvider> payment_provider;
  std::unique_ptr<subscriptions::Billing> billing;
  std::unique_ptr<subscriptions::StripeWebhook> stripe_webhook;  // null unless provider = stripe
  std::unique_ptr<subscriptions::ArticleMeter> meter;
  std::unique_ptr<notify::TemplateReplyMailer> reply_mailer;
  std::unique_ptr<comments::CommentService> comments;
  std::unique_ptr<newsletters::ReaderDirectory> reader_directory;
  std::unique_ptr<newsletters::MemberStore> member_store;
  std::unique_ptr<newsletters::IssueStore> issue_store;
  std::unique_ptr<newsletters::MembershipService> memberships;  // who gets which newsletter
  std::unique_ptr<newsletters::DeliveryService> deliveries;     // issues and their copies
  std::unique_ptr<imports::Redirects> redirects;                // old addresses of imported sites
  std::unique_ptr<accounts::ApiKeys> api_keys;                  // content keys, staff tokens
  std::unique_ptr<webhooks::WebhookService> webhooks;           // endpoints and deliveries
};

// Opens the configured store, applies pending migrations (logging each), and builds the
// services on top.
core::Result<std::unique_ptr<Services>> OpenServices(const core::Config& config);

// The configured mail transport: an SMTP server, or .eml files in a folder.
std::unique_ptr<mail::Transport> MakeMailTransport(const core::Config& config);

// templates/, static/ and content/: the configured folder, else the one beside the
// binary's build folder, else the source tree it was built from.
std::string ResolveResourcesDir(const core::Config& config);

}  // namespace dateline::app
