#pragma once
// Lists the admin pages offer as CSV files: fields quoted as RFC 4180 wants, defused for
// spreadsheets, and the answer that makes a browser save the file.

#include <string>
#include <string_view>

#include "http/response.hpp"

namespace dateline::web {

// A field quoted when it holds a comma, quote or line break; a leading = + - @ is defused
// (a ' before it) so a spreadsheet never runs a reader's name as a formula.
std::string CsvField(std::string_view value);

// `csv` as a download named `file_name`, never cached.
http::Response CsvDownload(std::string csv, const std::string& file_name);

}  // namespace dateline::web
