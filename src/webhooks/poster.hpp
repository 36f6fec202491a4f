#pragma once
// How a delivery reaches its endpoint: one HTTP POST. The sender is given a Poster so the
// tests can also count what was sent; the real one is libcurl (MakeHttpPoster).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace dateline::webhooks {

class Poster {
 public:
  virtual ~Poster() = default;
  // The endpoint's HTTP status, or kUnavailable when it could not be reached in time.
  virtual core::Result<int64_t> Post(
      const std::string& url, const std::string& body,
      const std::vector<std::pair<std::string, std::string>>& headers) = 0;
  // The longest one Post may take, in seconds (for the sender's lease).
  virtual int64_t MaxSeconds() const = 0;
};

// No redirects, http and https only, `timeout_seconds` in all, at most 64 KiB read back.
std::unique_ptr<Poster> MakeHttpPoster(int64_t timeout_seconds = 10);

}  // namespace dateline::webhooks
