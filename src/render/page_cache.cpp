#include "render/page_cache.hpp"

#include "core/compressed.hpp"
#include "core/text.hpp"
#include "metrics/counters.hpp"

namespace dateline::render {

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

uint64_t PageCache::Epoch() const {
  std::lock_guard lock(mu_);
  return epoch_;
}

std::shared_ptr<const CachedPage> PageCache::Put(const std::string& key, int status,
                                                 std::string body,
                                                 std::optional<int64_t> expires_at,
                                                 std::optional<uint64_t> built_at) {
  auto page = std::make_shared<CachedPage>();
  page->status = status;
  page->etag = "\"" + core::ContentHash(body) + "\"";
  page->compressed = core::Compress(body, core::Effort::kPage);
  page->body = std::make_shared<const std::string>(std::move(body));
  page->expires_at = expires_at;
  std::lock_guard lock(mu_);
  if (built_at && *built_at != epoch_) return page;
  // A full cache is emptied rather than tracked per entry: pages are cheap to rebuild and
  // a bound matters more than a perfect hit rate (slugs probed by bots would grow it).
  if (pages_.size() >= max_entries_) pages_.clear();
  pages_[key] = page;
  return page;
}

void PageCache::Erase(const std::string& key) {
  std::lock_guard lock(mu_);
  pages_.erase(key);
  ++epoch_;
}

void PageCache::Clear() {
  std::lock_guard lock(mu_);
  pages_.clear();
  ++epoch_;
}

size_t PageCache::size() const {
  std::lock_guard lock(mu_);
  return pages_.size();
}

}  // namespace dateline::render
