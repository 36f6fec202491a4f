// Stripe through its REST API with libcurl: form-encoded requests, JSON answers, the secret
// key as a bearer token, an Idempotency-Key on every POST so a retried request never
// creates a second checkout. The base URL is configurable (tests point it at a stand-in).

#include <curl/curl.h>
#include <fmt/format.h>

#include <mutex>
#include <utility>
#include <vector>

#include "core/crypto.hpp"
#include "subscriptions/payment_provider.hpp"
#include "subscriptions/stripe_objects.hpp"

namespace dateline::subscriptions {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

size_t Collect(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Stripe ids are letters, digits and underscores; anything else never reaches a URL path.
bool IsStripeId(std::string_view id) {
  if (id.empty() || id.size() > 255) return false;
  for (char c : id) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

class StripeProvider final : public PaymentProvider {
 public:
  explicit StripeProvider(StripeSettings s) : s_(std::move(s)) {
    while (!s_.api_base.empty() && s_.api_base.back() == '/') s_.api_base.pop_back();
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  std::string_view Name() const override { return "stripe"; }
  bool SellsOnline() const override { return true; }

  core::Result<std::string> StartCheckout(const CheckoutRequest& r) override {
    if (r.plan.stripe_price.empty())
      return core::Error::InvalidArgument("plan '" + r.plan.code + "' has no Stripe price");
    std::string user = std::to_string(r.user_id);
    Fields f = {{"mode", "subscription"},
                {"line_items[0][price]", r.plan.stripe_price},
                {"line_items[0][quantity]", "1"},
                {"success_url", r.success_url},
                {"cancel_url", r.cancel_url},
                {"client_reference_id", user},
                {"metadata[user_id]", user},
                // On the subscription too, so its own events say whose it is.
                {"subscription_data[metadata][user_id]", user},
                {"subscription_data[metadata][plan]", r.plan.code}};
    if (!r.customer_ref.empty())
      f.emplace_back("customer", r.customer_ref);
    else
      f.emplace_back("customer_email", r.email);
    auto answer = Call("POST", "/v1/checkout/sessions", f);
    if (!answer.ok()) return answer.error();
    return StripeAnswerField(*answer, "url");
  }

  core::Result<std::string> BillingPortalUrl(std::string_view customer_ref,
                                             std::string_view return_url) override {
    if (!IsStripeId(customer_ref)) return core::Error::InvalidArgument("not a Stripe customer");
    auto answer =
        Call("POST", "/v1/billing_portal/sessions",
             {{"customer", std::string(customer_ref)}, {"return_url", std::string(return_url)}});
    if (!answer.ok()) return answer.error();
    return StripeAnswerField(*answer, "url");
  }

  core::Result<ProviderSubscription> SetCancelAtPeriodEnd(std::string_view ref,
                                                          bool cancel) override {
    if (!IsStripeId(ref)) return core::Error::InvalidArgument("not a Stripe subscription");
    auto answer = Call("POST", "/v1/subscriptions/" + std::string(ref),
                       {{"cancel_at_period_end", cancel ? "true" : "false"}});
    if (!answer.ok()) return answer.error();
    return Subscription(*answer);
  }

  core::Result<ProviderSubscription> FetchSubscription(std::string_view ref) override {
    if (!IsStripeId(ref)) return core::Error::InvalidArgument("not a Stripe subscription");
    auto answer = Call("GET", "/v1/subscriptions/" + std::string(ref), {});
    if (!answer.ok()) return answer.error();
    return Subscription(*answer);
  }

 private:
  static core::Result<ProviderSubscription> Subscription(const std::string& answer) {
    auto parsed = ParseStripeSubscription(answer);
    if (parsed.ok()) return parsed;
    auto error = StripeAnswerField(answer, "id");  // Stripe's own message, if it sent one
    return error.ok() ? core::Error::Unavailable("Stripe sent no subscription") : error.error();
  }

  // The answer's body for a 2xx, or the body of an error reply (which carries Stripe's
  // message, read by StripeAnswerField); kUnavailable when Stripe cannot be reached.
  core::Result<std::string> Call(const std::string& method, const std::string& path,
                                 const Fields& fields) {
    CURL* curl = curl_easy_init();
    if (!curl) return core::Error::Unavailable("libcurl failed to start");
    std::string body;
    for (const auto& [k, v] : fields) {
      char* key = curl_easy_escape(curl, k.c_str(), static_cast<int>(k.size()));
      char* value = curl_easy_escape(curl, v.c_str(), static_cast<int>(v.size()));
      if (!body.empty()) body += '&';
      body += fmt::format("{}={}", key ? key : "", value ? value : "");
      curl_free(key);
      curl_free(value);
    }
    std::string url = s_.api_base + path;
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("Authorization: Bearer " + s_.secret_key).c_str());
    if (method == "POST") {
      headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded");
      headers = curl_slist_append(headers, ("Idempotency-Key: " + core::RandomToken(18)).c_str());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    }
    std::string answer;
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(s_.timeout_seconds * 1000));
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE, 4L * 1024 * 1024);
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK)
      return core::Error::Unavailable(
          fmt::format("Stripe {} {}: {}", method, path, *error ? error : curl_easy_strerror(rc)));
    if (status >= 500)
      return core::Error::Unavailable(fmt::format("Stripe {} {}: HTTP {}", method, path, status));
    return answer;
  }

  StripeSettings s_;
};

}  // namespace

std::unique_ptr<PaymentProvider> MakeStripeProvider(StripeSettings settings) {
  return std::make_unique<StripeProvider>(std::move(settings));
}

}  // namespace dateline::subscriptions
