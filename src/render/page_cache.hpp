#pragma once
// Rendered anonymous pages, kept in memory with their ETag. Entries are dropped when
// published content changes (Clear), and may carry an expiry time for pages whose
// content changes on a schedule (a list that gains an article at 06:00). Thread-safe.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/compressed.hpp"

namespace dateline::render {

struct CachedPage {
  int status = 200;
  std::shared_ptr<const std::string> body;
  // The same bytes gzipped and in brotli, made once when stored: sent to clients that
  // accept them, under their own ETags (http::ChooseEncoding).
  core::Compressed compressed;
  std::string etag;
  std::optional<int64_t> expires_at;  // epoch seconds; unset: until the next Clear()
};

class PageCache {
 public:
  explicit PageCache(size_t max_entries = 10000) : max_entries_(max_entries) {}

  std::shared_ptr<const CachedPage> Get(const std::string& key, int64_t now) const;
  // Moves on at every Erase and Clear. Read it before building a page and hand it to Put:
  // a page built while something was dropped may hold what was dropped, so it is not kept.
  uint64_t Epoch() const;
  // Stores a page built from `body` (unless the cache moved past `built_at`); computes the
  // ETag. Returns the page either way.
  std::shared_ptr<const CachedPage> Put(const std::string& key, int status, std::string body,
                                        std::optional<int64_t> expires_at,
                                        std::optional<uint64_t> built_at = std::nullopt);
  void Clear();
  void Erase(const std::string& key);
  size_t size() const;

 private:
  size_t max_entries_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const CachedPage>> pages_;  // GUARDED_BY(mu_)
  uint64_t epoch_ = 0;                                                        // GUARDED_BY(mu_)
};

}  // namespace dateline::render
