#include "imports/clean_input.hpp"

#include <algorithm>
#include <cstring>

#include "core/text.hpp"

namespace dateline::imports {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Whether `rest` could be the start of a valid sequence that the next read completes.
bool MaybeSplitSequence(std::string_view rest) {
  auto lead = static_cast<unsigned char>(rest[0]);
  size_t want = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (want == 0 || rest.size() >= want) return false;
  for (size_t i = 1; i < rest.size(); ++i) {
    if ((static_cast<unsigned char>(rest[i]) & 0xC0) != 0x80) return false;
  }
  return true;
}

}  // namespace

void CleanInput::Clean(bool at_end) {
  std::string_view rest = raw_;
  int64_t offset_of_rest = raw_bytes_ - static_cast<int64_t>(raw_.size());
  while (!rest.empty()) {
    size_t bad = core::Utf8ErrorOffset(rest);
    std::string_view good = rest.substr(0, bad);
    // Control characters XML 1.0 does not allow (all C0 but tab, newline, return).
    size_t kept = 0;
    for (size_t i = 0; i < good.size(); ++i) {
      auto c = static_cast<unsigned char>(good[i]);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        ready_.append(good.substr(kept, i - kept));
        ready_.append(kReplacement);
        if (first_replaced_at_ < 0) first_replaced_at_ = offset_of_rest + static_cast<int64_t>(i);
        ++replaced_;
        kept = i + 1;
      }
    }
    ready_.append(good.substr(kept));
    if (bad == std::string_view::npos) {
      rest = {};
      break;
    }
    rest.remove_prefix(bad);
    offset_of_rest += static_cast<int64_t>(bad);
    if (!at_end && MaybeSplitSequence(rest)) break;  // wait for the rest of it
    ready_.append(kReplacement);
    if (first_replaced_at_ < 0) first_replaced_at_ = offset_of_rest;
    ++replaced_;
    rest.remove_prefix(1);
    offset_of_rest += 1;
  }
  raw_.assign(rest);
}

int CleanInput::Read(char* buffer, int size) {
  while (static_cast<int>(ready_.size()) < size && !eof_) {
    char chunk[64 * 1024];
    size_t n = std::fread(chunk, 1, sizeof chunk, file_);
    if (n == 0) {
      if (std::ferror(file_)) return -1;
      eof_ = true;
    }
    raw_.append(chunk, n);
    raw_bytes_ += static_cast<int64_t>(n);
    Clean(eof_);
  }
  int n = std::min(size, static_cast<int>(ready_.size()));
  std::memcpy(buffer, ready_.data(), static_cast<size_t>(n));
  ready_.erase(0, static_cast<size_t>(n));
  return n;
}

}  // namespace dateline::imports
