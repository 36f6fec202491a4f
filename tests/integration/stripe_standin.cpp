#include "stripe_standin.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace dateline::testing {

StripeStandin::StripeStandin(const std::vector<std::string>& prices) {
  std::string script = SourceDir() + "/tests/stripe-standin/stripe-standin";
  std::vector<std::string> args = {script, "--api-key", kApiKey, "--webhook-secret",
                                   kWebhookSecret};
  for (const auto& p : prices) {
    args.push_back("--price");
    args.push_back(p);
  }
  // "listening on PORT\n" once it is ready.
  Helper helper = StartHelper(args);
  pid_ = helper.pid;
  const std::string& line = helper.first_line;
  const std::string marker = "listening on ";
  if (line.rfind(marker, 0) == 0) port_ = static_cast<uint16_t>(std::stoi(line.substr(13)));
  if (!port_) std::fprintf(stderr, "stripe-standin did not start: %s\n", line.c_str());
}

StripeStandin::~StripeStandin() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

HttpResponse StripeStandin::Post(const std::string& path, const std::string& form) {
  auto r = Fetch(port_, "POST", path, {"Content-Type: application/x-www-form-urlencoded"}, form);
  return r ? *r : HttpResponse{};
}

std::optional<HttpResponse> StripeStandin::Get(const std::string& path) {
  return Fetch(port_, "GET", path);
}

void StripeStandin::SendEventsTo(uint16_t site_port) {
  Post("/_standin/webhook",
       FormEncode({{"url", "http://127.0.0.1:" + std::to_string(site_port) + "/webhooks/stripe"}}));
}

void StripeStandin::SetEventOrder(const std::string& order) {
  Post("/_standin/event-order", FormEncode({{"order", order}}));
}

HttpResponse StripeStandin::Control(const std::string& subscription_id, const std::string& action) {
  return Post("/_standin/subscriptions/" + subscription_id + "/" + action, "");
}

std::string StripeStandin::RequestsJson() {
  auto r = Get("/_standin/requests");
  return r ? r->body : "";
}

std::string StripeStandin::EventsJson() {
  auto r = Get("/_standin/events");
  return r ? r->body : "";
}

std::string StripeSiteConfig(const StripeStandin& standin) {
  return "[payments]\nprovider = \"stripe\"\nstripe_api_base = \"" + standin.base_url() +
         "\"\nstripe_secret_key = \"" + StripeStandin::kApiKey + "\"\nstripe_webhook_secret = \"" +
         StripeStandin::kWebhookSecret +
         "\"\n\n[[plans]]\ncode = \"digital-monthly\"\nname = \"Digital, monthly\"\n"
         "description = \"Every article, every device.\"\nprice_cents = 900\n"
         "stripe_price = \"price_monthly\"\n\n[[plans]]\ncode = \"digital-annual\"\n"
         "name = \"Digital, annual\"\nprice_cents = 9000\nperiod = \"year\"\n"
         "stripe_price = \"price_annual\"\n";
}

}  // namespace dateline::testing
