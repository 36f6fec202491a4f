#include "http/byte_range.hpp"

#include <string>

#include "core/text.hpp"

namespace dateline::http {
namespace {

// Digits only, no sign or space, and no overflow; nullopt otherwise.
std::optional<size_t> Number(std::string_view digits) {
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  size_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  return n;
}

}  // namespace

RangeAsked ReadRange(std::string_view header, size_t size) {
  RangeAsked whole;
  constexpr std::string_view kUnit = "bytes=";
  header = core::Trim(header);
  if (header.size() <= kUnit.size() || header.substr(0, kUnit.size()) != kUnit) return whole;
  std::string_view spec = core::Trim(header.substr(kUnit.size()));
  if (spec.find(',') != std::string_view::npos) return whole;  // several: the whole answer
  size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return whole;
  std::string_view from = spec.substr(0, dash), to = spec.substr(dash + 1);
  RangeAsked asked;
  asked.kind = RangeAsked::kPart;
  if (from.empty()) {  // "-n": the last n bytes
    auto n = Number(to);
    if (!n) return whole;
    if (*n == 0 || size == 0) return {RangeAsked::kUnsatisfiable, {}};
    asked.range = {size - std::min(*n, size), size - 1};
    return asked;
  }
  auto first = Number(from);
  if (!first) return whole;
  std::optional<size_t> last = to.empty() ? std::optional<size_t>(SIZE_MAX) : Number(to);
  if (!last || *last < *first) return whole;  // invalid: ignored, as the RFC says
  if (*first >= size) return {RangeAsked::kUnsatisfiable, {}};
  asked.range = {*first, std::min(*last, size - 1)};
  return asked;
}

void ApplyRange(const Request& request, Response& response) {
  if (!response.ranges || response.status != 200 || response.stream) return;
  response.SetHeader("Accept-Ranges", "bytes");
  if (request.method != Method::kGet) return;
  std::string_view range = request.Header("range");
  if (range.empty()) return;
  std::string_view if_range = request.Header("if-range");
  if (!if_range.empty() && (if_range.rfind("W/", 0) == 0 || if_range != response.Header("ETag")))
    return;
  size_t size = response.Body().size();
  RangeAsked asked = ReadRange(range, size);
  if (asked.kind == RangeAsked::kWhole) return;
  if (asked.kind == RangeAsked::kUnsatisfiable) {
    response.status = 416;
    response.SetHeader("Content-Range", "bytes */" + std::to_string(size));
    response.body_length = 0;
    return;
  }
  response.status = 206;
  response.SetHeader("Content-Range", "bytes " + std::to_string(asked.range.first) + "-" +
                                          std::to_string(asked.range.last) + "/" +
                                          std::to_string(size));
  response.body_offset = asked.range.first;
  response.body_length = asked.range.last - asked.range.first + 1;
}

}  // namespace dateline::http
