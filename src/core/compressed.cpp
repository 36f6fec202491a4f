#include "core/compressed.hpp"

#include "core/brotli.hpp"
#include "core/gzip.hpp"

namespace dateline::core {
namespace {

std::shared_ptr<const std::string> Shared(std::optional<std::string> bytes) {
  if (!bytes) return nullptr;
  return std::make_shared<const std::string>(std::move(*bytes));
}

}  // namespace

Compressed Compress(std::string_view data, Effort effort) {
  // Brotli's quality 11 takes some 10 ms for a 30 KB page; 9 takes well under one and
  // gives up a few percent.
  int quality = effort == Effort::kOnce ? 11 : 9;
  return {Shared(Gzip(data)), Shared(Brotli(data, quality))};
}

}  // namespace dateline::core
