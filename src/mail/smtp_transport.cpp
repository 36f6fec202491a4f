// SMTP through libcurl: the only file in mail/ that knows curl.

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "mail/transport.hpp"

namespace dateline::mail {
namespace {

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  size_t room = size * count;
  size_t left = up->data->size() - up->offset;
  size_t n = std::min(room, left);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpSettings s) : s_(std::move(s)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }
  ~SmtpTransport() override {
    if (curl_) curl_easy_cleanup(curl_);
  }

  core::Result<void> Send(const std::string& from, const std::string& to,
                          const std::string& rfc5322) override {
    std::lock_guard lock(mu_);
    // One handle for every message: libcurl keeps its connection open between them, so a
    // newsletter's thousands of copies pay for one TCP and TLS handshake and one login.
    if (!curl_) curl_ = curl_easy_init();
    if (!curl_) return core::Error::Unavailable("libcurl failed to start");
    CURL* curl = curl_;
    curl_easy_reset(curl);  // options only: the open connection stays in the handle
    std::string from_envelope = "<" + from + ">";
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + to + ">").c_str());
    Upload upload{&rfc5322};
    char error[CURL_ERROR_SIZE] = {0};
    Connect(curl, error, s_.timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from_envelope.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadChunk);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    if (rc == CURLE_OK) return {};
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    std::string what = fmt::format("SMTP {}: {}", s_.url, *error ? error : curl_easy_strerror(rc));
    // RFC 5321: a 5xx reply refuses for good (no such mailbox, policy); a 4xx one, a
    // dropped connection or a timeout may pass later.
    if (reply >= 500 && reply < 600) {
      return core::Error::InvalidArgument(fmt::format("{} (refused: {})", what, reply));
    }
    return core::Error::Unavailable(reply ? fmt::format("{} (deferred: {})", what, reply) : what);
  }

  std::string Describe() const override { return s_.url; }
  double MaxSendSeconds() const override { return s_.timeout_seconds; }

  core::Result<void> Check() override {
    CURL* curl = curl_easy_init();
    if (!curl) return core::Error::Unavailable("libcurl failed to start");
    char error[CURL_ERROR_SIZE] = {0};
    Connect(curl, error, std::min(s_.timeout_seconds, 10.0));
    // No recipient and nothing to upload: libcurl greets, starts TLS, logs in, then sends
    // this one command instead of a message.
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "NOOP");
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    if (rc == CURLE_OK) return {};
    return core::Error::Unavailable(
        fmt::format("SMTP {}: {}", s_.url, *error ? error : curl_easy_strerror(rc)));
  }

 private:
  // Where to connect, how long to wait, TLS (STARTTLS when the server offers it; insisted
  // on when required) and the login.
  void Connect(CURL* curl, char* error, double timeout_seconds) const {
    curl_easy_setopt(curl, CURLOPT_URL, s_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_seconds * 1000));
    curl_easy_setopt(curl, CURLOPT_USE_SSL, s_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
    if (!s_.username.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, s_.username.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, s_.password.c_str());
    }
  }

  SmtpSettings s_;
  std::mutex mu_;
  CURL* curl_ = nullptr;  // GUARDED_BY(mu_)
};

}  // namespace

std::unique_ptr<Transport> MakeSmtpTransport(SmtpSettings settings) {
  return std::make_unique<SmtpTransport>(std::move(settings));
}

}  // namespace dateline::mail
