#pragma once
// Everything a page handler may use, built once in main and passed by reference.
// Handlers run on I/O threads; every member here is thread-safe.

#include "accounts/account_service.hpp"
#include "articles/article_service.hpp"
#include "comments/comment_service.hpp"
#include "comments/live_comments.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "http/static_files.hpp"
#include "pages/site_page.hpp"
#include "render/page_cache.hpp"
#include "render/templates.hpp"
#include "store/db.hpp"
#include "subscriptions/article_meter.hpp"
#include "subscriptions/billing.hpp"
#include "subscriptions/gift_codes.hpp"
#include "subscriptions/stripe_webhook.hpp"
#include "subscriptions/subscription_requests.hpp"
#include "subscriptions/subscription_service.hpp"

namespace dateline::web {

struct SiteContext {
  const core::Config& config;
  const core::Clock& clock;
  store::Db& db;
  const render::Templates& templates;
  render::PageCache& cache;
  const http::StaticFiles& static_files;
  articles::ArticleService& articles;
  pages::SitePages& site_pages;
  accounts::AccountService& accounts;
  subscriptions::SubscriptionService& subscriptions;
  subscriptions::GiftCodes& gift_codes;
  subscriptions::SubscriptionRequests& requests;
  const core::SecretKey& secret;
  subscriptions::Billing& billing;
  subscriptions::StripeWebhook* stripe_webhook;  // null unless the provider is stripe
  subscriptions::ArticleMeter& meter;
  comments::CommentService& comments;
  comments::LiveComments& live;
};

}  // namespace dateline::web
