#pragma once
// What web/ and the CLI call for images: upload (checked, processed, kept once), the
// newsroom's library (list by cursor, search, describe, delete), and the files pages
// ask for. Who may: writers and editors upload and describe; editors delete. Thread-safe.

#include <map>
#include <memory>
#include <optional>
#include <semaphore>
#include <string>
#include <vector>

#include "accounts/actor.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "media/image.hpp"
#include "media/image_processing.hpp"
#include "media/media_store.hpp"
#include "media/variant_cache.hpp"

namespace dateline::media {

// What the uploader says about an image.
struct ImageText {
  std::string alt;
  std::string caption;
  std::string credit;
};

struct ImagePage {
  std::vector<Image> items;
  int64_t total = 0;
  std::string next;  // the cursor of the next page, empty on the last
};

class MediaService {
 public:
  MediaService(MediaStore& store, const core::Clock& clock, const core::SecretKey& key,
               ImageLimits limits, size_t cache_bytes = 256u << 20)
      : store_(store), clock_(clock), key_(key), limits_(limits), cache_(cache_bytes) {}

  static core::Result<void> MayUpload(const accounts::Actor& actor);

  // The text is checked before any pixel is decoded; nothing is stored unless all of it
  // is good. The same bytes uploaded again return the image already there.
  core::Result<Image> Upload(const accounts::Actor& actor, std::string_view bytes,
                             const ImageText& text);
  core::Result<ImagePage> Library(const accounts::Actor& actor, const std::string& words,
                                  std::string_view cursor, int limit);
  core::Result<Image> Open(const accounts::Actor& actor, int64_t id);
  core::Result<Image> Describe(const accounts::Actor& actor, int64_t id, const ImageText& text);
  core::Result<void> Delete(const accounts::Actor& actor, int64_t id);

  // For pages: images by key (public: a key is only known from a page that shows it).
  core::Result<std::optional<Image>> FindByKey(std::string_view key);
  core::Result<std::map<std::string, Image>> FindByKeys(const std::vector<std::string>& keys);
  // A served file, "KEY-640.webp": from memory, else from the store. kNotFound for a name
  // that is not one of ours.
  core::Result<std::shared_ptr<const CachedVariant>> File(std::string_view file_name);

  const ImageLimits& limits() const { return limits_; }

 private:
  static core::Result<void> CheckText(ImageText& text);

  MediaStore& store_;
  const core::Clock& clock_;
  const core::SecretKey& key_;
  ImageLimits limits_;
  VariantCache cache_;
  // Decoding holds a whole image in memory: two at a time, whatever the load.
  std::counting_semaphore<2> decoding_{2};
};

// Whether `key` looks like an image key (32 lowercase hex digits).
bool IsImageKey(std::string_view key);

}  // namespace dateline::media
