#include "core/brotli.hpp"

#include <brotli/decode.h>
#include <brotli/encode.h>

#include <memory>

namespace dateline::core {

std::optional<std::string> Brotli(std::string_view data, int quality) {
  if (data.size() < 256 || data.size() > (1u << 30)) return std::nullopt;
  size_t size = BrotliEncoderMaxCompressedSize(data.size());
  if (size == 0) return std::nullopt;
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                             reinterpret_cast<const uint8_t*>(data.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data())) ||
      size >= data.size()) {
    return std::nullopt;
  }
  out.resize(size);
  return out;
}

std::optional<std::string> Unbrotli(std::string_view data, size_t max_size) {
  std::unique_ptr<BrotliDecoderState, decltype(&BrotliDecoderDestroyInstance)> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), &BrotliDecoderDestroyInstance);
  if (!state) return std::nullopt;
  const auto* in = reinterpret_cast<const uint8_t*>(data.data());
  size_t in_left = data.size();
  std::string out;
  uint8_t chunk[16384];
  for (;;) {
    uint8_t* next_out = chunk;
    size_t out_left = sizeof chunk;
    BrotliDecoderResult r =
        BrotliDecoderDecompressStream(state.get(), &in_left, &in, &out_left, &next_out, nullptr);
    out.append(reinterpret_cast<const char*>(chunk), sizeof chunk - out_left);
    if (out.size() > max_size) return std::nullopt;
    if (r == BROTLI_DECODER_RESULT_SUCCESS) return in_left == 0 ? std::optional(out) : std::nullopt;
    if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) continue;
    return std::nullopt;  // an error, or input cut short (needs more input)
  }
}

}  // namespace dateline::core
