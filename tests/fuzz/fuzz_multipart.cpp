// multipart/form-data bodies (the media library's upload): the first line of the input
// is the Content-Type, the rest the body. Whatever comes, the parser ends, keeps its
// bounds, and hands out views inside the body and text that is UTF-8.
#include <cstdint>
#include <cstdlib>

#include "core/text.hpp"
#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t newline = text.find('\n');
  std::string_view type = text.substr(0, newline);
  std::string_view body = newline == std::string_view::npos ? "" : text.substr(newline + 1);
  for (bool repair : {false, true}) {
    auto form = dateline::http::ParseMultipart(type, body, repair, 16);
    if (!form.ok()) continue;
    if (form->fields.size() + form->files.size() > 16) std::abort();
    for (const auto& [name, value] : form->fields) {
      if (!dateline::core::IsValidUtf8(name) || !dateline::core::IsValidUtf8(value)) std::abort();
    }
    for (const auto& file : form->files) {
      if (file.data.data() < body.data() ||
          file.data.data() + file.data.size() > body.data() + body.size())
        std::abort();
      if (!dateline::core::IsValidUtf8(file.filename)) std::abort();
    }
  }
  return 0;
}
