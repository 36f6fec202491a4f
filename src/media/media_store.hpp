#pragma once
// The images and image_variants tables: the only place that writes their SQL. Variants
// live in the store (base64 text, which both dialects hold alike), so every node of a
// PostgreSQL site serves the same files without shared disks; nodes keep the ones asked
// for in memory (variant_cache.hpp).

#include <map>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "media/image.hpp"
#include "media/image_processing.hpp"
#include "store/db.hpp"

namespace dateline::media {

struct StoredVariant {
  std::string content_type;
  std::string bytes;
};

class MediaStore {
 public:
  explicit MediaStore(store::Db& db) : db_(db) {}

  // The image and its variants, in one transaction. An image with the same key already
  // there is returned as it is (an upload of the same bytes keeps the first one's text).
  core::Result<Image> Insert(const Image& image, const std::vector<Variant>& variants);
  core::Result<std::optional<Image>> FindByKey(std::string_view key);
  core::Result<std::optional<Image>> FindById(int64_t id);
  core::Result<std::map<std::string, Image>> FindByKeys(const std::vector<std::string>& keys);
  // Newest first, before id `before` (0: from the newest); `words` in the alt text,
  // caption or credit (ASCII compared without case).
  core::Result<std::vector<Image>> List(int64_t before, const std::string& words, int limit);
  core::Result<int64_t> Count(const std::string& words);
  core::Result<Image> UpdateText(int64_t id, const std::string& alt, const std::string& caption,
                                 const std::string& credit);
  core::Result<void> Delete(int64_t id);
  core::Result<std::optional<StoredVariant>> FindVariant(std::string_view key,
                                                         std::string_view name);

 private:
  store::Db& db_;
};

}  // namespace dateline::media
