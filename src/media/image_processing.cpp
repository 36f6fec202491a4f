#include "media/image_processing.hpp"

#include <fmt/format.h>
#include <vips/vips.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>

namespace dateline::media {
namespace {

// libvips starts once per process; its operation cache is off, so nothing an upload
// decoded stays in memory after it.
void StartVips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("dateline") != 0) return;
    // Its thread pools and buffers are let go at exit, so leak checkers see none.
    std::atexit([] { vips_shutdown(); });
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_concurrency_set(1);
  });
}

struct Unref {
  void operator()(VipsImage* image) const {
    if (image) g_object_unref(image);
  }
};
using ImagePtr = std::unique_ptr<VipsImage, Unref>;

core::Error Refused(const std::string& why, const std::string& reader) {
  vips_error_clear();
  return core::Error::InvalidArgument(why).WithReader(reader);
}

std::string VipsFailure() {
  std::string text = vips_error_buffer();
  vips_error_clear();
  return text.substr(0, 300);
}

uint32_t ReadLe32(const std::string& b, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

void WriteLe32(std::string& b, size_t at, uint32_t v) {
  for (int k = 0; k < 4; ++k) b[at + k] = static_cast<char>((v >> (8 * k)) & 0xFF);
}

// libvips 8.14's WebP saver writes an EXIF chunk of its own (orientation, resolution)
// even when told to strip: the container is rewritten without EXIF and XMP chunks, and
// the extended header's flags say so.
std::string WithoutWebpMetadata(std::string webp) {
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0) {
    return webp;
  }
  std::string out = webp.substr(0, 12);
  size_t at = 12;
  while (at + 8 <= webp.size()) {
    std::string fourcc = webp.substr(at, 4);
    size_t size = ReadLe32(webp, at + 4);
    size_t whole = 8 + size + (size & 1);
    if (at + whole > webp.size()) return webp;  // not a container we understand: leave it
    if (fourcc != "EXIF" && fourcc != "XMP ") {
      std::string chunk = webp.substr(at, whole);
      if (fourcc == "VP8X" && size >= 1) chunk[8] = static_cast<char>(chunk[8] & ~0x0C);
      out += chunk;
    }
    at += whole;
  }
  WriteLe32(out, 4, static_cast<uint32_t>(out.size() - 8));
  return out;
}

// Encodes `image` as WebP or JPEG without any metadata; JPEG gets a white background
// where the image is transparent.
core::Result<std::string> Encode(VipsImage* image, bool webp) {
  void* buffer = nullptr;
  size_t length = 0;
  int failed = 0;
  if (webp) {
    failed = vips_webpsave_buffer(image, &buffer, &length, "Q", 80, "strip", TRUE, nullptr);
  } else {
    ImagePtr flat;
    VipsImage* source = image;
    if (vips_image_hasalpha(image)) {
      VipsImage* out = nullptr;
      VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
      failed = vips_flatten(image, &out, "background", white, nullptr);
      vips_area_unref(VIPS_AREA(white));
      flat.reset(out);
      source = out;
    }
    if (!failed) {
      failed = vips_jpegsave_buffer(source, &buffer, &length, "Q", 82, "strip", TRUE, "interlace",
                                    TRUE, "optimize_coding", TRUE, nullptr);
    }
  }
  if (failed) return core::Error::Internal("encoding failed: " + VipsFailure());
  std::string bytes(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return webp ? WithoutWebpMetadata(std::move(bytes)) : bytes;
}

// A copy of `image` without any metadata: EXIF (GPS included), XMP, IPTC, ICC profiles,
// comments. Savers are asked to strip as well, but libvips 8.14's WebP saver still writes
// EXIF it finds on the image, so nothing is left for it to find.
core::Result<ImagePtr> WithoutMetadata(VipsImage* image) {
  VipsImage* out = nullptr;
  if (vips_copy(image, &out, nullptr) != 0) return core::Error::Internal("copy: " + VipsFailure());
  ImagePtr copy(out);
  gchar** fields = vips_image_get_fields(copy.get());
  for (gchar** f = fields; f && *f; ++f) {
    vips_image_remove(copy.get(), *f);  // the header's own fields refuse, and stay
  }
  g_strfreev(fields);
  return copy;
}

core::Result<ImagePtr> Resized(VipsImage* image, int width) {
  VipsImage* out = nullptr;
  // Exactly `width` wide; the height follows the aspect ratio.
  if (vips_thumbnail_image(image, &out, width, "height", VIPS_MAX_COORD, nullptr) != 0) {
    return core::Error::Internal("resize failed: " + VipsFailure());
  }
  return ImagePtr(out);
}

}  // namespace

std::string HumanBytes(uint64_t bytes) {
  if (bytes >= 1000000) return fmt::format("{:.3g} MB", static_cast<double>(bytes) / 1e6);
  return fmt::format("{} KB", (bytes + 999) / 1000);
}

std::string SniffImageFormat(std::string_view b) {
  if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") return "jpeg";
  if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1A\n") return "png";
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return "webp";
  return "";
}

core::Result<ProcessedImage> ProcessImage(std::string_view bytes, const ImageLimits& limits) {
  StartVips();  // first: even a refusal clears libvips' error buffer
  if (bytes.size() > limits.max_bytes) {
    return Refused("upload too large", "The file is larger than " + HumanBytes(limits.max_bytes) +
                                           ", the most this site takes.");
  }
  ProcessedImage out;
  out.format = SniffImageFormat(bytes);
  if (out.format.empty()) {
    return Refused("not an image we take",
                   "The file is not a JPEG, PNG or WebP image (whatever its name says).");
  }
  // The header only: nothing is decoded until the size is known to be acceptable.
  ImagePtr image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access",
                                            VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                            VIPS_FAIL_ON_TRUNCATED, nullptr));
  if (!image) return Refused("undecodable: " + VipsFailure(), "The image could not be read.");
  uint64_t w = static_cast<uint64_t>(vips_image_get_width(image.get()));
  uint64_t h = static_cast<uint64_t>(vips_image_get_height(image.get()));
  if (w == 0 || h == 0 || w > static_cast<uint64_t>(limits.max_side) ||
      h > static_cast<uint64_t>(limits.max_side) || w * h > limits.max_pixels) {
    return Refused(fmt::format("image {}x{} over the limits", w, h),
                   fmt::format("The image is {} by {} pixels: at most {} megapixels and {} "
                               "pixels a side are taken.",
                               w, h, limits.max_pixels / 1000000, limits.max_side));
  }
  // Decoded in full into memory first: a damaged or truncated file fails here, before
  // anything is kept. Then upright (the EXIF orientation applied, then dropped with the
  // rest of the metadata) and in 8-bit sRGB.
  VipsImage* step = vips_image_copy_memory(image.get());
  if (!step) return Refused("decode: " + VipsFailure(), "The image is damaged or incomplete.");
  image.reset(step);
  if (vips_autorot(image.get(), &step, nullptr) != 0) {
    return Refused("autorot: " + VipsFailure(), "The image could not be read.");
  }
  image.reset(step);
  if (vips_colourspace(image.get(), &step, VIPS_INTERPRETATION_sRGB, nullptr) != 0) {
    return Refused("colourspace: " + VipsFailure(), "The image's colours could not be read.");
  }
  image.reset(step);
  if (vips_image_get_format(image.get()) != VIPS_FORMAT_UCHAR) {
    if (vips_cast_uchar(image.get(), &step, nullptr) != 0) {
      return Refused("cast: " + VipsFailure(), "The image could not be read.");
    }
    image.reset(step);
  }
  auto bare = WithoutMetadata(image.get());
  if (!bare.ok()) return bare.error();
  image = std::move(*bare);
  out.width = vips_image_get_width(image.get());
  out.height = vips_image_get_height(image.get());

  for (int target : kVariantWidths) {
    if (target < out.width) out.widths.push_back(target);
  }
  if (out.widths.empty() || out.width <= kVariantWidths[std::size(kVariantWidths) - 1]) {
    out.widths.push_back(std::min(out.width, kVariantWidths[std::size(kVariantWidths) - 1]));
  }
  out.widths.erase(std::unique(out.widths.begin(), out.widths.end()), out.widths.end());
  for (int width : out.widths) {
    auto resized = Resized(image.get(), width);
    if (!resized.ok()) return resized.error();
    for (bool webp : {true, false}) {
      auto encoded = Encode(resized->get(), webp);
      if (!encoded.ok()) return encoded.error();
      out.variants.push_back({fmt::format("{}.{}", width, webp ? "webp" : "jpg"),
                              webp ? "image/webp" : "image/jpeg",
                              vips_image_get_width(resized->get()),
                              vips_image_get_height(resized->get()), std::move(*encoded)});
    }
  }
  auto shared = Resized(image.get(), std::min(out.width, kShareWidth));
  if (!shared.ok()) return shared.error();
  auto share = Encode(shared->get(), false);
  if (!share.ok()) return share.error();
  out.variants.push_back({"share.jpg", "image/jpeg", vips_image_get_width(shared->get()),
                          vips_image_get_height(shared->get()), std::move(*share)});
  return out;
}

}  // namespace dateline::media
