#pragma once
// Images: the value types. An image is known by its key, a keyed hash of its bytes (so
// the same upload is kept once, and no one can name an image's address without having
// been shown it: the images of a paywalled part are not found by guessing).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dateline::media {

struct Image {
  int64_t id = 0;
  std::string key;  // 32 hex digits
  int width = 0;
  int height = 0;
  std::string alt;          // required: what the image shows, for readers who cannot see it
  std::string caption;      // optional
  std::string credit;       // "Photograph: Ann Lee/AP"
  std::string format;       // of the upload: jpeg, png, webp
  int64_t bytes = 0;        // of the upload
  std::vector<int> widths;  // the srcset's variant widths, ascending
  std::optional<int64_t> uploaded_by;
  int64_t created_at = 0;

  // The served address of a variant ("640.webp", "share.jpg").
  std::string Url(const std::string& variant) const { return "/media/" + key + "-" + variant; }
  // The height at `w` wide, as the variants were made.
  int HeightAt(int w) const {
    return width == 0 ? 0
                      : static_cast<int>((static_cast<int64_t>(height) * w + width / 2) / width);
  }
};

inline constexpr size_t kMaxAlt = 300;
inline constexpr size_t kMaxCaption = 1000;
inline constexpr size_t kMaxCredit = 200;

}  // namespace dateline::media
