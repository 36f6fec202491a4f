// What comes back by mail and what an operator imports: MIME messages and mailboxes
// (bounce and complaint reports), their status fields, and CSV subscriber lists.
#include <cstdint>
#include <cstdlib>

#include "core/csv.hpp"
#include "mail/mime_reader.hpp"
#include "newsletters/bounce_reports.hpp"

using namespace dateline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto lookup = [](std::string_view address) -> std::optional<int64_t> {
    return address.find("+d") != std::string_view::npos ? std::optional<int64_t>(1) : std::nullopt;
  };
  for (std::string_view message : mail::SplitMailbox(text)) {
    if (message.size() > text.size()) std::abort();
    auto parsed = mail::ParseMime(message);
    if (parsed.ok()) {
      for (const auto& f : newsletters::ReadReport(*parsed, lookup)) {
        if (f.email.find('@') == std::string::npos) std::abort();
      }
    }
  }
  (void)mail::ParseFieldBlocks(text);
  core::CsvReader reader(text);
  std::vector<std::string> fields;
  std::string error;
  for (int i = 0; i < 100000; ++i) {
    auto status = reader.Next(fields, error);
    if (status != core::CsvReader::Status::kRecord) break;
    if (fields.size() > core::kMaxCsvFields) std::abort();
    for (const auto& field : fields) {
      if (field.size() > core::kMaxCsvField) std::abort();
    }
  }
  return 0;
}
