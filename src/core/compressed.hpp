#pragma once
// An answer's compressed twins, made once when it is cached or loaded: each is null when
// that coding would not make it smaller. http::ChooseEncoding picks one per request.

#include <memory>
#include <string>
#include <string_view>

namespace dateline::core {

struct Compressed {
  std::shared_ptr<const std::string> gzip;
  std::shared_ptr<const std::string> brotli;
  bool any() const { return gzip || brotli; }
};

// How hard to work: a page made on a cache miss must not keep its reader waiting; a
// static file is compressed once at start.
enum class Effort { kPage, kOnce };

Compressed Compress(std::string_view data, Effort effort);

}  // namespace dateline::core
