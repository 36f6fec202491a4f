#include <curl/curl.h>
#include <fmt/format.h>

#include "webhooks/poster.hpp"

namespace dateline::webhooks {
namespace {

size_t Discard(char*, size_t size, size_t count, void* seen) {
  // What the endpoint says back is not kept; reading stops past 64 KiB.
  auto* total = static_cast<size_t*>(seen);
  *total += size * count;
  return *total > 64 * 1024 ? 0 : size * count;
}

class HttpPoster : public Poster {
 public:
  explicit HttpPoster(int64_t timeout_seconds) : timeout_(timeout_seconds) {}

  core::Result<int64_t> Post(
      const std::string& url, const std::string& body,
      const std::vector<std::pair<std::string, std::string>>& headers) override {
    CURL* curl = curl_easy_init();
    if (!curl) return core::Error::Unavailable("libcurl failed to start");
    curl_slist* list = nullptr;
    for (const auto& [name, value] : headers) {
      std::string line = name;
      line += ": ";
      line += value;
      list = curl_slist_append(list, line.c_str());
    }
    size_t seen = 0;
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &seen);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ * 1000));
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "Dateline-Webhooks/1");
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    // A reply cut short past 64 KiB still carried its status.
    if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && status > 0)) {
      return core::Error::Unavailable(
          fmt::format("POST {}: {}", url, *error ? error : curl_easy_strerror(rc)));
    }
    return static_cast<int64_t>(status);
  }

  int64_t MaxSeconds() const override { return timeout_; }

 private:
  int64_t timeout_;
};

}  // namespace

std::unique_ptr<Poster> MakeHttpPoster(int64_t timeout_seconds) {
  return std::make_unique<HttpPoster>(timeout_seconds);
}

}  // namespace dateline::webhooks
