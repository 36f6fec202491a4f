#include "test_images.hpp"

#include <vips/vips.h>

#include <cstdint>
#include <cstdlib>
#include <mutex>

namespace dateline::testing {
namespace {

void Start() {
  static std::once_flag once;
  std::call_once(once, [] {
    VIPS_INIT("dateline-tests");
    std::atexit([] { vips_shutdown(); });
  });
}

std::string Save(int width, int height, bool png) {
  Start();
  VipsImage* x = nullptr;
  VipsImage* rgb = nullptr;
  vips_xyz(&x, width, height, nullptr);  // two bands: x and y
  VipsImage* bands[3];
  vips_extract_band(x, &bands[0], 0, nullptr);
  vips_extract_band(x, &bands[1], 1, nullptr);
  vips_linear1(bands[0], &bands[2], 0.5, 40.0, nullptr);
  vips_bandjoin(bands, &rgb, 3, nullptr);
  VipsImage* u8 = nullptr;
  vips_cast_uchar(rgb, &u8, nullptr);
  void* buffer = nullptr;
  size_t length = 0;
  if (png) {
    vips_pngsave_buffer(u8, &buffer, &length, nullptr);
  } else {
    vips_jpegsave_buffer(u8, &buffer, &length, "Q", 85, nullptr);
  }
  std::string out(static_cast<const char*>(buffer), length);
  g_free(buffer);
  for (VipsImage* i : {x, rgb, u8, bands[0], bands[1], bands[2]}) g_object_unref(i);
  return out;
}

void Put16(std::string& s, uint16_t v) {
  s += static_cast<char>(v >> 8);
  s += static_cast<char>(v & 0xFF);
}
void Put32(std::string& s, uint32_t v) {
  Put16(s, static_cast<uint16_t>(v >> 16));
  Put16(s, static_cast<uint16_t>(v & 0xFFFF));
}

uint32_t Crc32(const std::string& data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

}  // namespace

std::string MakeJpeg(int width, int height) { return Save(width, height, false); }
std::string MakePng(int width, int height) { return Save(width, height, true); }

std::string JpegWithExif(int width, int height, const std::string& marker) {
  std::string jpeg = MakeJpeg(width, height);
  // TIFF, big-endian: IFD0 with ImageDescription (0x010E) and a GPS IFD pointer (0x8825);
  // the GPS IFD with GPSLatitudeRef (0x0001) "N".
  std::string tiff = "MM";
  Put16(tiff, 42);
  Put32(tiff, 8);
  const uint32_t ifd0_size = 2 + 2 * 12 + 4;
  const uint32_t gps_at = 8 + ifd0_size;
  const uint32_t gps_size = 2 + 12 + 4;
  const uint32_t text_at = gps_at + gps_size;
  std::string text = marker + '\0';
  Put16(tiff, 2);
  Put16(tiff, 0x010E);  // ImageDescription, ASCII
  Put16(tiff, 2);
  Put32(tiff, static_cast<uint32_t>(text.size()));
  Put32(tiff, text_at);
  Put16(tiff, 0x8825);  // GPS IFD, LONG
  Put16(tiff, 4);
  Put32(tiff, 1);
  Put32(tiff, gps_at);
  Put32(tiff, 0);  // no next IFD
  Put16(tiff, 1);
  Put16(tiff, 0x0001);  // GPSLatitudeRef, ASCII "N\0" (fits in the value field)
  Put16(tiff, 2);
  Put32(tiff, 2);
  tiff += std::string("N\0\0\0", 4);
  Put32(tiff, 0);
  tiff += text;
  std::string app1 = std::string("Exif\0\0", 6) + tiff;
  std::string segment = "\xFF\xE1";
  Put16(segment, static_cast<uint16_t>(app1.size() + 2));
  segment += app1;
  return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

std::string PngBomb(int width, int height) {
  std::string png = "\x89PNG\r\n\x1A\n";
  std::string ihdr = "IHDR";
  Put32(ihdr, static_cast<uint32_t>(width));
  Put32(ihdr, static_cast<uint32_t>(height));
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB
  Put32(png, 13);
  png += ihdr;
  Put32(png, Crc32(ihdr));
  // A few bytes of "compressed" data and the end: the header is all a bomb needs.
  std::string idat = std::string("IDAT") + std::string("\x78\x9C\x63\x00\x00\x00\x01\x00\x01", 9);
  Put32(png, 9);
  png += idat;
  Put32(png, Crc32(idat));
  std::string iend = "IEND";
  Put32(png, 0);
  png += iend;
  Put32(png, Crc32(iend));
  return png;
}

Decoded Decode(const std::string& bytes) {
  Start();
  Decoded d;
  VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (!image) {
    vips_error_clear();
    return d;
  }
  d.width = vips_image_get_width(image);
  d.height = vips_image_get_height(image);
  double mean = 0;
  d.ok = vips_avg(image, &mean, nullptr) == 0;
  g_object_unref(image);
  vips_error_clear();
  return d;
}

}  // namespace dateline::testing
