// Article files as `dateline article publish` reads them (front matter and body).
#include <cstdint>

#include "articles/front_matter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)dateline::articles::ParseArticleFile(
      std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
