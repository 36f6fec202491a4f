#include "media/variant_cache.hpp"

namespace dateline::media {

std::shared_ptr<const CachedVariant> VariantCache::Get(const std::string& name) {
  std::lock_guard lock(mu_);
  auto found = entries_.find(name);
  if (found == entries_.end()) return nullptr;
  order_.splice(order_.begin(), order_, found->second.place);
  return found->second.variant;
}

void VariantCache::Put(const std::string& name, std::shared_ptr<const CachedVariant> variant) {
  size_t size = variant->bytes.size() + name.size();
  if (size > max_bytes_ / 4) return;  // one file never takes most of the budget
  std::lock_guard lock(mu_);
  if (entries_.count(name)) return;
  order_.push_front(name);
  entries_[name] = {std::move(variant), order_.begin()};
  bytes_ += size;
  while (bytes_ > max_bytes_ && !order_.empty()) {
    const std::string& oldest = order_.back();
    auto entry = entries_.find(oldest);
    bytes_ -= entry->second.variant->bytes.size() + oldest.size();
    entries_.erase(entry);
    order_.pop_back();
  }
}

void VariantCache::Erase(const std::string& key_prefix) {
  std::lock_guard lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->first.rfind(key_prefix, 0) == 0) {
      bytes_ -= it->second.variant->bytes.size() + it->first.size();
      order_.erase(it->second.place);
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

size_t VariantCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace dateline::media
