#include "mail/mime_reader.hpp"

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace dateline::mail {
namespace {

// The next line of `text` from `pos` (without its CR LF or LF); npos at the end.
std::string_view NextLine(std::string_view text, size_t& pos) {
  size_t eol = text.find('\n', pos);
  std::string_view line =
      text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
  pos = eol == std::string_view::npos ? text.size() : eol + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool IsWsp(char c) { return c == ' ' || c == '\t'; }

// Header fields up to the first blank line; `pos` is left at the body.
FieldBlock ReadFields(std::string_view text, size_t& pos) {
  FieldBlock fields;
  while (pos < text.size()) {
    size_t start = pos;
    std::string_view line = NextLine(text, pos);
    if (line.empty()) break;
    if (IsWsp(line[0])) {
      if (!fields.empty()) {
        fields.back().second += ' ';
        fields.back().second += core::Trim(line);
      }
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      // Not a header: the body began without its blank line (seen in the wild).
      pos = start;
      break;
    }
    fields.emplace_back(core::AsciiLower(core::Trim(line.substr(0, colon))),
                        std::string(core::Trim(line.substr(colon + 1))));
  }
  return fields;
}

std::string DecodeQuotedPrintable(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c != '=') {
      out += c;
      continue;
    }
    if (i + 1 < in.size() && (in[i + 1] == '\n' || in[i + 1] == '\r')) {  // soft break
      i += (in[i + 1] == '\r' && i + 2 < in.size() && in[i + 2] == '\n') ? 2 : 1;
      continue;
    }
    auto hex = [](char h) -> int {
      if (h >= '0' && h <= '9') return h - '0';
      if (h >= 'A' && h <= 'F') return h - 'A' + 10;
      if (h >= 'a' && h <= 'f') return h - 'a' + 10;
      return -1;
    };
    if (i + 2 < in.size() && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
      out += static_cast<char>(hex(in[i + 1]) * 16 + hex(in[i + 2]));
      i += 2;
    } else {
      out += c;  // a stray '=' is kept as written
    }
  }
  return out;
}

std::string DecodeBody(std::string_view body, const std::string& encoding) {
  std::string e = core::AsciiLower(encoding);
  if (e == "base64") {
    std::string compact;
    for (char c : body) {
      if (!IsWsp(c) && c != '\r' && c != '\n') compact += c;
    }
    auto decoded = core::Base64Decode(compact);
    return decoded ? *decoded : std::string(body);
  }
  if (e == "quoted-printable") return DecodeQuotedPrintable(body);
  return std::string(body);
}

core::Result<void> ParseInto(std::string_view text, MimePart& part, int depth, int& budget) {
  if (depth > kMaxMimeDepth) {
    return core::Error::InvalidArgument("MIME parts nested deeper than " +
                                        std::to_string(kMaxMimeDepth));
  }
  if (--budget < 0) {
    return core::Error::InvalidArgument("more than " + std::to_string(kMaxMimeParts) +
                                        " MIME parts");
  }
  size_t pos = 0;
  part.headers = ReadFields(text, pos);
  std::string_view body = text.substr(pos);
  std::string type = part.ContentType();
  if (type.rfind("multipart/", 0) == 0) {
    std::string boundary = part.ContentTypeParam("boundary");
    if (boundary.empty() || boundary.size() > 200) {
      part.body = std::string(body);
      return {};
    }
    std::string dash = "--" + boundary;
    // Each part runs from a line "--boundary" to the next; "--boundary--" ends them.
    size_t at = 0;
    size_t part_start = std::string_view::npos;
    while (at < body.size()) {
      size_t line_start = at;
      std::string_view line = NextLine(body, at);
      if (line.rfind(dash, 0) != 0) continue;
      std::string_view rest = line.substr(dash.size());
      bool closing = rest.rfind("--", 0) == 0;
      if (part_start != std::string_view::npos) {
        size_t end = line_start;
        // The line break before a boundary belongs to the boundary.
        if (end > part_start && body[end - 1] == '\n') --end;
        if (end > part_start && body[end - 1] == '\r') --end;
        MimePart child;
        DL_TRY(ParseInto(body.substr(part_start, end - part_start), child, depth + 1, budget));
        part.parts.push_back(std::move(child));
      }
      if (closing) {
        part_start = std::string_view::npos;
        break;
      }
      part_start = at;
    }
    // A last part without its closing boundary (a truncated report) still counts.
    if (part_start != std::string_view::npos && part_start < body.size()) {
      MimePart child;
      DL_TRY(ParseInto(body.substr(part_start), child, depth + 1, budget));
      part.parts.push_back(std::move(child));
    }
    return {};
  }
  if (type == "message/rfc822" || type == "message/global") {
    MimePart inner;
    DL_TRY(ParseInto(DecodeBody(body, part.Header("content-transfer-encoding")), inner, depth + 1,
                     budget));
    part.parts.push_back(std::move(inner));
    return {};
  }
  part.body = DecodeBody(body, part.Header("content-transfer-encoding"));
  return {};
}

}  // namespace

std::string MimePart::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "";
}

std::string MimePart::ContentType() const {
  std::string value = Header("content-type");
  if (value.empty()) return "text/plain";
  return core::AsciiLower(core::Trim(value.substr(0, value.find(';'))));
}

std::string MimePart::ContentTypeParam(std::string_view name) const {
  std::string value = Header("content-type");
  size_t pos = value.find(';');
  while (pos != std::string::npos) {
    size_t next = pos + 1;
    size_t eq = value.find('=', next);
    if (eq == std::string::npos) break;
    std::string key = core::AsciiLower(core::Trim(std::string_view(value).substr(next, eq - next)));
    std::string param;
    size_t end;
    if (eq + 1 < value.size() && value[eq + 1] == '"') {
      end = value.find('"', eq + 2);
      param = value.substr(eq + 2, end == std::string::npos ? std::string::npos : end - eq - 2);
      end = end == std::string::npos ? end : value.find(';', end);
    } else {
      end = value.find(';', eq);
      param = std::string(core::Trim(std::string_view(value).substr(
          eq + 1, end == std::string::npos ? std::string::npos : end - eq - 1)));
    }
    if (key == name) return param;
    pos = end;
  }
  return "";
}

core::Result<MimePart> ParseMime(std::string_view message) {
  MimePart root;
  int budget = kMaxMimeParts;
  DL_TRY(ParseInto(message, root, 0, budget));
  return root;
}

std::vector<std::string_view> SplitMailbox(std::string_view text) {
  std::vector<std::string_view> out;
  if (text.rfind("From ", 0) != 0) {
    if (!core::Trim(text).empty()) out.push_back(text);
    return out;
  }
  size_t start = std::string_view::npos;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t line_start = pos;
    std::string_view line = NextLine(text, pos);
    if (line.rfind("From ", 0) != 0) continue;
    if (start != std::string_view::npos) out.push_back(text.substr(start, line_start - start));
    start = pos;  // the message begins after its "From " line
  }
  if (start != std::string_view::npos && start < text.size()) out.push_back(text.substr(start));
  return out;
}

std::vector<FieldBlock> ParseFieldBlocks(std::string_view text) {
  std::vector<FieldBlock> blocks;
  size_t pos = 0;
  while (pos < text.size() && blocks.size() < static_cast<size_t>(kMaxMimeParts)) {
    // Blank lines between blocks.
    size_t before = pos;
    std::string_view line = NextLine(text, pos);
    if (line.empty() || core::Trim(line).empty()) continue;
    pos = before;
    FieldBlock block = ReadFields(text, pos);
    if (block.empty()) {
      NextLine(text, pos);  // a line that is no field: skipped
      continue;
    }
    blocks.push_back(std::move(block));
  }
  return blocks;
}

}  // namespace dateline::mail
