#include "http/multipart.hpp"

#include "core/text.hpp"
#include "http/form.hpp"
#include "http/request.hpp"

namespace dateline::http {
namespace {

constexpr size_t kMaxPartHeader = 8 * 1024;
constexpr size_t kMaxBoundary = 70;  // RFC 2046 §5.1.1

core::Error Malformed(const std::string& why) {
  return core::Error::InvalidArgument("multipart: " + why)
      .WithReader("The form could not be read. Send it again from our page.");
}

bool EqualsLower(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// The value of parameter `name` in a header value's "; name=value" list (quoted or not).
std::string Parameter(std::string_view value, std::string_view name) {
  size_t at = 0;
  while ((at = value.find(';', at)) != std::string_view::npos) {
    ++at;
    std::string_view rest = core::Trim(value.substr(at));
    size_t eq = rest.find('=');
    if (eq == std::string_view::npos) continue;
    if (!EqualsLower(core::Trim(rest.substr(0, eq)), name)) continue;
    std::string_view v = rest.substr(eq + 1);
    if (!v.empty() && v.front() == '"') {
      std::string out;
      for (size_t i = 1; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) {
          out += v[++i];
        } else if (v[i] == '"') {
          return out;
        } else {
          out += v[i];
        }
      }
      return "";  // unterminated quote
    }
    return std::string(core::Trim(v.substr(0, v.find(';'))));
  }
  return "";
}

}  // namespace

std::string MultipartBoundary(std::string_view content_type) {
  if (!MediaTypeIs(content_type, "multipart/form-data")) return "";
  std::string boundary = Parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > kMaxBoundary) return "";
  return boundary;
}

core::Result<MultipartForm> ParseMultipart(std::string_view content_type, std::string_view body,
                                           bool repair, size_t max_parts) {
  std::string boundary = MultipartBoundary(content_type);
  if (boundary.empty()) return Malformed("no usable boundary");
  const std::string delimiter = "--" + boundary;
  const std::string next_delimiter = "\r\n" + delimiter;
  MultipartForm form;
  size_t pos = body.find(delimiter);  // a preamble before it is ignored (RFC 2046)
  if (pos == std::string_view::npos) return Malformed("no first boundary");
  pos += delimiter.size();
  for (;;) {
    if (body.substr(pos, 2) == "--") break;  // the close delimiter
    // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") return Malformed("boundary not followed by CRLF");
    pos += 2;
    if (form.fields.size() + form.files.size() >= max_parts) return Malformed("too many parts");
    size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos || head_end - pos > kMaxPartHeader) {
      // A part may have no headers at all only when it is empty; we need a name.
      return Malformed("part headers missing or too long");
    }
    std::string name, filename, type;
    bool has_filename = false;
    std::string_view head = body.substr(pos, head_end - pos);
    size_t line_start = 0;
    while (line_start <= head.size()) {
      size_t line_end = head.find("\r\n", line_start);
      if (line_end == std::string_view::npos) line_end = head.size();
      std::string_view line = head.substr(line_start, line_end - line_start);
      line_start = line_end + 2;
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) return Malformed("header line without a colon");
      std::string_view key = core::Trim(line.substr(0, colon));
      std::string_view value = core::Trim(line.substr(colon + 1));
      if (EqualsLower(key, "content-disposition")) {
        if (!EqualsLower(core::Trim(value.substr(0, value.find(';'))), "form-data")) {
          return Malformed("part is not form-data");
        }
        name = Parameter(value, "name");
        has_filename = value.find("filename=") != std::string_view::npos;
        filename = Parameter(value, "filename");
      } else if (EqualsLower(key, "content-type")) {
        type = std::string(value);
      }
    }
    if (name.empty()) return Malformed("part without a name");
    size_t data_start = head_end + 4;
    size_t data_end = body.find(next_delimiter, data_start);
    if (data_end == std::string_view::npos) return Malformed("part never closed");
    std::string_view data = body.substr(data_start, data_end - data_start);
    pos = data_end + next_delimiter.size();
    bool repaired = false;
    std::string clean_name = RepairUtf8(name, repaired);
    if (has_filename) {
      form.files.push_back({clean_name, RepairUtf8(filename, repaired), type, data});
    } else {
      if (!core::IsValidUtf8(data) && !repair) return Malformed("text field not UTF-8");
      form.fields.emplace_back(clean_name, RepairUtf8(data, form.repaired));
    }
    if (repaired && !repair) return Malformed("names not UTF-8");
  }
  return form;
}

}  // namespace dateline::http
