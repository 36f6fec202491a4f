#pragma once
// The image files this node was asked for, kept in memory up to a byte budget (least
// recently used dropped first), so a page's images are answered from memory like static
// files after their first request. Thread-safe.

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace dateline::media {

struct CachedVariant {
  std::string content_type;
  std::string bytes;
};

class VariantCache {
 public:
  explicit VariantCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  std::shared_ptr<const CachedVariant> Get(const std::string& name);
  void Put(const std::string& name, std::shared_ptr<const CachedVariant> variant);
  void Erase(const std::string& key_prefix);  // every variant of one image
  size_t bytes() const;

 private:
  using Order = std::list<std::string>;
  struct Entry {
    std::shared_ptr<const CachedVariant> variant;
    Order::iterator place;
  };
  size_t max_bytes_;
  mutable std::mutex mu_;
  Order order_;                                     // GUARDED_BY(mu_): most recent first
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mu_)
  size_t bytes_ = 0;                                // GUARDED_BY(mu_)
};

}  // namespace dateline::media
