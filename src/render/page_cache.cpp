#include "render/page_cache.hpp"

#include "core/compressed.hpp"
#include "core/text.hpp"
#include "metrics/counters.hpp"

namespace dateline::render {

// One build in progress for a key, and what it came to, for those waiting on it.
struct PageCache::Flight {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;  // GUARDED_BY(mu)
  core::Result<std::shared_ptr<const CachedPage>> result =
      core::Error::Internal("the page build did not finish");  // GUARDED_BY(mu)
};

size_t PageCache::Slot(const std::string& key) { return std::hash<std::string>{}(key) % kSlots; }

bool PageCache::CurrentLocked(const std::string& key, const CacheVersion& v) const {
  return v.clears == clears_ && v.erases == erases_[Slot(key)];
}

std::shared_ptr<const CachedPage> PageCache::Get(const std::string& key, int64_t now) const {
  static metrics::Counter& hits = metrics::PageCacheLookups("hit");
  static metrics::Counter& misses = metrics::PageCacheLookups("miss");
  std::shared_ptr<const CachedPage> page;
  {
    std::lock_guard lock(mu_);
    auto it = pages_.find(key);
    if (it != pages_.end() && !(it->second->expires_at && *it->second->expires_at <= now)) {
      page = it->second;
    }
  }
  (page ? hits : misses).Add();
  return page;
}

bool PageCache::Has(const std::string& key, int64_t now) const {
  std::lock_guard lock(mu_);
  auto it = pages_.find(key);
  return it != pages_.end() && !(it->second->expires_at && *it->second->expires_at <= now);
}

CacheVersion PageCache::VersionOf(const std::string& key) const {
  std::lock_guard lock(mu_);
  return {clears_, erases_[Slot(key)]};
}

std::shared_ptr<const CachedPage> PageCache::Put(const std::string& key, int status,
                                                 std::string body,
                                                 std::optional<int64_t> expires_at,
                                                 std::optional<CacheVersion> built_at) {
  auto page = std::make_shared<CachedPage>();
  page->status = status;
  page->etag = "\"" + core::ContentHash(body) + "\"";
  // Compressed once for the many readers it will serve; a cache that keeps nothing
  // (page_cache_entries = 0) would pay for it on every request.
  if (max_entries_ > 0) page->compressed = core::Compress(body, core::Effort::kPage);
  page->body = std::make_shared<const std::string>(std::move(body));
  page->expires_at = expires_at;
  std::lock_guard lock(mu_);
  if (max_entries_ == 0 || (built_at && !CurrentLocked(key, *built_at))) return page;
  // A full cache is emptied rather than tracked per entry: pages are cheap to rebuild and
  // a bound matters more than a perfect hit rate (slugs probed by bots would grow it).
  if (pages_.size() >= max_entries_) pages_.clear();
  pages_[key] = page;
  return page;
}

core::Result<std::shared_ptr<const CachedPage>> PageCache::GetOrBuild(const std::string& key,
                                                                      int64_t now,
                                                                      const Build& build) {
  if (auto page = Get(key, now)) return page;
  std::shared_ptr<Flight> flight;
  bool leader = false;
  CacheVersion version;
  {
    std::lock_guard lock(mu_);
    auto it = flights_.find(key);
    if (it != flights_.end()) {
      flight = it->second;
      ++shared_builds_;
    } else {
      flight = std::make_shared<Flight>();
      flights_.emplace(key, flight);
      leader = true;
      version = {clears_, erases_[Slot(key)]};
    }
  }
  if (!leader) {
    std::unique_lock wait(flight->mu);
    flight->cv.wait(wait, [&] { return flight->done; });
    return flight->result;
  }
  // Whatever happens to the build, the waiters are told and the flight is grounded.
  struct Land {
    PageCache* cache;
    const std::string& key;
    Flight& flight;
    core::Result<std::shared_ptr<const CachedPage>> result =
        core::Error::Internal("the page build failed");
    ~Land() {
      {
        std::lock_guard lock(cache->mu_);
        cache->flights_.erase(key);
      }
      {
        std::lock_guard lock(flight.mu);
        flight.result = result;
        flight.done = true;
      }
      flight.cv.notify_all();
    }
  } land{this, key, *flight};
  land.result = build(version);
  return land.result;
}

std::shared_ptr<const std::string> PageCache::GetFragment(const std::string& key,
                                                          const std::string& variant,
                                                          int64_t now) const {
  std::lock_guard lock(mu_);
  auto it = fragments_.find(key);
  if (it == fragments_.end()) return nullptr;
  auto found = it->second.find(variant);
  if (found == it->second.end()) return nullptr;
  if (found->second.expires_at && *found->second.expires_at <= now) return nullptr;
  return found->second.html;
}

std::shared_ptr<const std::string> PageCache::PutFragment(const std::string& key,
                                                          const std::string& variant,
                                                          std::string html,
                                                          std::optional<int64_t> expires_at,
                                                          const CacheVersion& built_at) {
  auto shared = std::make_shared<const std::string>(std::move(html));
  std::lock_guard lock(mu_);
  if (max_entries_ == 0 || !CurrentLocked(key, built_at)) return shared;
  if (fragment_count_ >= max_entries_) {
    fragments_.clear();
    fragment_count_ = 0;
  }
  auto& variants = fragments_[key];
  if (variants.find(variant) == variants.end()) ++fragment_count_;
  variants[variant] = {shared, expires_at};
  return shared;
}

void PageCache::Erase(const std::string& key) {
  std::lock_guard lock(mu_);
  pages_.erase(key);
  if (auto it = fragments_.find(key); it != fragments_.end()) {
    fragment_count_ -= it->second.size();
    fragments_.erase(it);
  }
  ++erases_[Slot(key)];
}

void PageCache::Clear() {
  std::lock_guard lock(mu_);
  pages_.clear();
  fragments_.clear();
  fragment_count_ = 0;
  ++clears_;
}

size_t PageCache::size() const {
  std::lock_guard lock(mu_);
  return pages_.size();
}

uint64_t PageCache::shared_builds() const {
  std::lock_guard lock(mu_);
  return shared_builds_;
}

}  // namespace dateline::render
