#pragma once
// The whole site as one request handler: each domain's routes (web/<domain>/routes.cpp),
// given only the services its pages use, and what happens when no route matches. web/ is
// the only layer that knows both HTTP and the domains.

#include <functional>
#include <optional>

#include "http/client_address.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "web/accounts/context.hpp"
#include "web/admin/context.hpp"
#include "web/api/context.hpp"
#include "web/articles/context.hpp"
#include "web/comments/context.hpp"
#include "web/kit/kit.hpp"
#include "web/media/context.hpp"
#include "web/newsletters/context.hpp"
#include "web/subscriptions/context.hpp"

namespace dateline::web {

// Every service some page uses, built once by app/ and outliving the Site. The store
// itself is not here: pages reach data through the domains' services only.
struct SiteServices : Kit {
  articles::ArticleService& articles;
  articles::StructureService& structure;
  media::MediaService& media;
  pages::SitePages& site_pages;
  subscriptions::ArticleMeter& meter;
  subscriptions::Billing& billing;
  subscriptions::GiftCodes& gift_codes;
  subscriptions::SubscriptionRequests& requests;
  subscriptions::StripeWebhook* stripe_webhook;  // null unless the provider is stripe
  comments::CommentService& comments;
  comments::LiveComments& live;
  newsletters::NewsletterService& newsletters;
  newsletters::MembershipService& memberships;
  newsletters::DeliveryService& deliveries;
  accounts::ApiKeys& api_keys;
  webhooks::WebhookService& webhooks;
  // For operators (web/operations.cpp). Whether the store answers now (/healthz); whether
  // it also holds the schema this binary expects, or why not (/readyz); the metrics as
  // Prometheus text, and who may read them (/metrics).
  std::function<bool()> store_answers;
  std::function<core::Result<void>()> store_ready;
  std::function<std::string()> metrics_text;
  // Where an old address (an imported site's permalink) moved to, if anywhere.
  std::function<core::Result<std::optional<std::string>>(std::string_view path,
                                                         std::string_view query)>
      find_redirect;
  http::TrustedProxies metrics_allow = http::TrustedProxies::Loopback();
};

class Site {
 public:
  explicit Site(const SiteServices& services);
  Site(const Site&) = delete;

  http::Response Handle(http::Request& request) const;
  // Where the request runs: on an I/O thread (answered from memory), on a worker (it may
  // touch the store), or on the hashing pool (it hashes or checks a password).
  http::Lane LaneOf(const http::Request& request) const;
  http::Response Error(int status) const;

  // For the jobs that keep this node current: drop an article's cached pages after its
  // comments changed; render a newly approved comment for its live readers.
  void ForgetArticlePages(int64_t article_id) const;
  void PublishLiveComment(int64_t comment_id) const;

 private:
  // A session whose password was set by someone else (the first admin's, a new staff
  // account's) may only change it, read /account and sign out; everything else is held
  // back until it does. Null when the request may go on.
  std::optional<http::Response> HeldForPasswordChange(const http::Request& request) const;
  // 301 to where an imported site's old address went, if it is one.
  std::optional<http::Response> RedirectedAddress(const http::Request& request) const;

  const SiteServices& services_;
  const Kit& kit_;
  CommentsContext comments_;  // before articles_, which draws the comments section
  ArticlesContext articles_;
  MediaContext media_;
  AccountsContext accounts_;
  SubscriptionsContext subscriptions_;
  AdminContext admin_;
  NewslettersContext newsletters_;
  ApiContext api_;
  http::Router router_;
};

}  // namespace dateline::web
