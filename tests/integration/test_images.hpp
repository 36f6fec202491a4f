#pragma once
// Real images for tests, made with libvips: a JPEG or PNG of a given size, one carrying
// EXIF with GPS, and what a served file decodes to.

#include <string>

namespace dateline::testing {

// A smooth gradient (so it compresses like a photograph, not like a flat colour).
std::string MakeJpeg(int width, int height);
std::string MakePng(int width, int height);
// A JPEG whose EXIF (an APP1 segment after SOI) holds `marker` in ImageDescription and
// a GPS block: what a phone's photograph carries.
std::string JpegWithExif(int width, int height, const std::string& marker);
// A PNG header declaring width x height, with a tiny body: a decompression bomb.
std::string PngBomb(int width, int height);

struct Decoded {
  int width = 0;
  int height = 0;
  bool ok = false;
};
Decoded Decode(const std::string& bytes);

}  // namespace dateline::testing
