#pragma once
// Turning uploaded bytes into an image the site can serve: accepted by content (magic
// bytes, then a full decode), never by name; bounded in bytes and pixels before any
// pixel is decoded (a decompression bomb is refused from its header); turned upright,
// in sRGB, and resized once into the widths pages ask for, as WebP and a JPEG fallback,
// with every metadata block (EXIF, GPS, XMP, comments) left behind. libvips does the
// work; this is the only file that includes it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace dateline::media {

struct ImageLimits {
  uint64_t max_bytes = 20 * 1024 * 1024;
  uint64_t max_pixels = 50'000'000;  // width times height
  int max_side = 20000;
};

// The widths made for srcset; an image narrower than one gets none wider than itself
// (its own width instead).
inline constexpr int kVariantWidths[] = {320, 640, 960, 1280, 1600};
// The width of the image for sharing cards (og:image, twitter:image, JSON-LD).
inline constexpr int kShareWidth = 1200;

struct Variant {
  std::string name;          // "640.webp", "640.jpg", "share.jpg"
  std::string content_type;  // image/webp, image/jpeg
  int width = 0;
  int height = 0;
  std::string bytes;
};

struct ProcessedImage {
  std::string format;  // of the upload: jpeg, png, webp
  int width = 0;       // upright
  int height = 0;
  std::vector<int> widths;  // of the srcset variants, ascending
  std::vector<Variant> variants;
};

// "20 MB", "400 KB": a size as the uploader is told it.
std::string HumanBytes(uint64_t bytes);

// What the first bytes say the upload is ("jpeg", "png", "webp"), or empty.
std::string SniffImageFormat(std::string_view bytes);

// kInvalidArgument with a sentence for the uploader when the bytes are not an image we
// take, are damaged, or exceed the limits.
core::Result<ProcessedImage> ProcessImage(std::string_view bytes, const ImageLimits& limits);

}  // namespace dateline::media
