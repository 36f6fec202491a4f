#pragma once
// Runs tests/stripe-standin/stripe-standin (a stand-in for Stripe's API, checkout and
// billing portal pages, and webhook sender) for one test, on a free loopback port.

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

#include "harness.hpp"

namespace dateline::testing {

class StripeStandin {
 public:
  static constexpr const char* kApiKey = "sk_test_dateline";
  static constexpr const char* kWebhookSecret = "whsec_test_dateline";

  // Prices as "price_id:amount_in_cents:month|year".
  explicit StripeStandin(const std::vector<std::string>& prices = {"price_monthly:900:month",
                                                                   "price_annual:9000:year"});
  ~StripeStandin();
  StripeStandin(const StripeStandin&) = delete;

  bool running() const { return port_ != 0; }
  uint16_t port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Where events go (the site's /webhooks/stripe).
  void SendEventsTo(uint16_t site_port);
  // "stripe" (created, invoice, checkout completed) or "reversed".
  void SetEventOrder(const std::string& order);
  // POST /_standin/subscriptions/ID/ACTION: renewal-fails, renews, ends.
  HttpResponse Control(const std::string& subscription_id, const std::string& action);
  // JSON arrays of what it received and what it sent.
  std::string RequestsJson();
  std::string EventsJson();
  std::optional<HttpResponse> Get(const std::string& path);

 private:
  HttpResponse Post(const std::string& path, const std::string& form);
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

// The TOML that points a site at the stand-in, with plans sold at its two prices.
std::string StripeSiteConfig(const StripeStandin& standin);

}  // namespace dateline::testing
