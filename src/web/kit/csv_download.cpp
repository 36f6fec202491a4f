#include "web/kit/csv_download.hpp"

namespace dateline::web {

std::string CsvField(std::string_view value) {
  std::string v(value);
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

http::Response CsvDownload(std::string csv, const std::string& file_name) {
  http::Response r = http::Response::Text(200, std::move(csv));
  r.content_type = "text/csv; charset=utf-8";
  r.SetHeader("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace dateline::web
