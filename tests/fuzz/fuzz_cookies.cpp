// The Cookie header: any bytes, any names.
#include <cstdint>
#include <cstdlib>

#include "http/cookies.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view header(reinterpret_cast<const char*>(data), size);
  for (const char* name : {"dl_session", "dl_csrf", "__Host-dl_session", ""}) {
    auto value = dateline::http::CookieValue(header, name);
    if (value && !value->empty() &&
        (value->data() < header.data() ||
         value->data() + value->size() > header.data() + header.size())) {
      std::abort();  // a view into the header, never past it
    }
  }
  return 0;
}
