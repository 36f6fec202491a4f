// Form bodies and query strings: strict decoding, UTF-8 only, a bounded number of fields.
#include <cstdint>
#include <cstdlib>

#include "core/text.hpp"
#include "http/form.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto form = dateline::http::Form::Parse(text, 64);
  if (form.ok()) {
    if (form->fields().size() > 64) std::abort();
    for (const auto& [k, v] : form->fields()) {
      if (!dateline::core::IsValidUtf8(k) || !dateline::core::IsValidUtf8(v)) std::abort();
    }
    (void)form->Value("csrf");
  }
  auto decoded = dateline::http::PercentDecode(text, true);
  if (decoded && decoded->size() > text.size()) std::abort();
  std::string encoded = dateline::http::PercentEncode(text);
  auto round = dateline::http::PercentDecode(encoded, false);
  if (!round || *round != text) std::abort();
  return 0;
}
