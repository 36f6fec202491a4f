#pragma once
// Rendered anonymous pages, kept in memory with their ETag, and fragments of pages (the
// parts of a signed-in reader's page every such reader shares). Entries are dropped when
// published content changes (Erase by key, Clear for all), and may carry an expiry time
// for pages whose content changes on a schedule (a list that gains an article at 06:00).
// Thread-safe.

#include <array>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/compressed.hpp"
#include "core/result.hpp"

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

// What a page was built from, as far as the cache can tell: read before building and
// handed to Put, which keeps the page only if nothing it may hold was dropped meanwhile.
// Per key: a comment dropping one article's page does not throw away the front page
// being built beside it.
struct CacheVersion {
  uint64_t clears = 0;  // Clear() calls
  uint64_t erases = 0;  // Erase() calls on keys sharing this key's slot
};

class PageCache {
 public:
  explicit PageCache(size_t max_entries = 10000) : max_entries_(max_entries) {}

  std::shared_ptr<const CachedPage> Get(const std::string& key, int64_t now) const;
  // Whether Get would find a page (without counting a hit or a miss).
  bool Has(const std::string& key, int64_t now) const;
  CacheVersion VersionOf(const std::string& key) const;
  // Stores a page built from `body` (unless `key` moved past `built_at`); computes the
  // ETag and the compressed twins. Returns the page either way.
  std::shared_ptr<const CachedPage> Put(const std::string& key, int status, std::string body,
                                        std::optional<int64_t> expires_at,
                                        std::optional<CacheVersion> built_at = std::nullopt);

  // The cached page under `key`, or `build` run once however many readers ask at once
  // (single flight): the others wait for its result instead of building it again. `build`
  // is handed the version to give Put.
  using Build = std::function<core::Result<std::shared_ptr<const CachedPage>>(const CacheVersion&)>;
  core::Result<std::shared_ptr<const CachedPage>> GetOrBuild(const std::string& key, int64_t now,
                                                             const Build& build);

  // Fragments: HTML kept under a page's key and a variant ("signed-in:full"), dropped with
  // that page. Not compressed and without an ETag: they are parts, never answers.
  std::shared_ptr<const std::string> GetFragment(const std::string& key, const std::string& variant,
                                                 int64_t now) const;
  std::shared_ptr<const std::string> PutFragment(const std::string& key, const std::string& variant,
                                                 std::string html,
                                                 std::optional<int64_t> expires_at,
                                                 const CacheVersion& built_at);

  void Clear();
  void Erase(const std::string& key);
  size_t size() const;
  // Builds that found another already running for their key and waited for it (tests,
  // /metrics).
  uint64_t shared_builds() const;

 private:
  struct Fragment {
    std::shared_ptr<const std::string> html;
    std::optional<int64_t> expires_at;
  };
  struct Flight;
  static size_t Slot(const std::string& key);
  bool CurrentLocked(const std::string& key, const CacheVersion& v) const;

  // Erase counts are kept per slot (a hash of the key), not per key: bounded memory, and
  // two keys sharing a slot only ever cost a page not kept.
  static constexpr size_t kSlots = 1024;

  size_t max_entries_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const CachedPage>> pages_;  // GUARDED_BY(mu_)
  std::unordered_map<std::string, std::unordered_map<std::string, Fragment>>
      fragments_;                                                     // GUARDED_BY(mu_)
  size_t fragment_count_ = 0;                                         // GUARDED_BY(mu_)
  uint64_t clears_ = 0;                                               // GUARDED_BY(mu_)
  std::array<uint64_t, kSlots> erases_{};                             // GUARDED_BY(mu_)
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;  // GUARDED_BY(mu_)
  uint64_t shared_builds_ = 0;                                        // GUARDED_BY(mu_)
};

}  // namespace dateline::render
