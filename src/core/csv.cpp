#include "core/csv.hpp"

namespace dateline::core {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  // A byte-order mark from a spreadsheet is not part of the first field.
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

CsvReader::Status CsvReader::Next(std::vector<std::string>& fields, std::string& error) {
  fields.clear();
  // Blank lines between records are skipped.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++current_line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return Status::kEnd;
  record_line_ = current_line_;
  std::string field;
  bool quoted = false;      // inside quotes
  bool was_quoted = false;  // this field began with a quote
  bool field_start = true;
  auto finish_field = [&]() -> bool {
    if (fields.size() >= kMaxCsvFields) {
      error = "more than " + std::to_string(kMaxCsvFields) + " fields";
      return false;
    }
    fields.push_back(std::move(field));
    field.clear();
    was_quoted = false;
    field_start = true;
    return true;
  };
  while (pos_ < text_.size()) {
    char c = text_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++current_line_;
        field += c;
      }
    } else if (c == '"' && field_start) {
      quoted = true;
      was_quoted = true;
      field_start = false;
    } else if (c == '"') {
      error = "a quote inside an unquoted field";
      return Status::kError;
    } else if (c == ',') {
      if (!finish_field()) return Status::kError;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++current_line_;
      return finish_field() ? Status::kRecord : Status::kError;
    } else {
      if (was_quoted) {
        error = "text after a closing quote";
        return Status::kError;
      }
      field += c;
      field_start = false;
    }
    if (field.size() > kMaxCsvField) {
      error = "a field longer than " + std::to_string(kMaxCsvField) + " characters";
      return Status::kError;
    }
  }
  if (quoted) {
    error = "a quote that is never closed";
    return Status::kError;
  }
  return finish_field() ? Status::kRecord : Status::kError;
}

}  // namespace dateline::core
