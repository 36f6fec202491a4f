#pragma once
// CSV as spreadsheets and mail services export it (RFC 4180): fields separated by commas,
// quoted with '"' when they hold commas, quotes ("" inside) or line breaks; records end at
// LF or CRLF. Read one record at a time, so a file of any length is never held twice.
// Bounded: a field longer than kMaxCsvField or a record of more than kMaxCsvFields fields
// is an error, not a reason to grow.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::core {

inline constexpr size_t kMaxCsvField = 4096;
inline constexpr size_t kMaxCsvFields = 64;

class CsvReader {
 public:
  // Reads `text` in place: it must outlive the reader.
  explicit CsvReader(std::string_view text);

  enum class Status { kRecord, kEnd, kError };
  // The next record into `fields`; kError with `error` set stops the reading (an
  // unterminated quote, a stray quote, a field or record past the limits).
  Status Next(std::vector<std::string>& fields, std::string& error);
  // The line the last record started on, from 1 (for messages).
  size_t line() const { return record_line_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t current_line_ = 1;
  size_t record_line_ = 0;
};

}  // namespace dateline::core
