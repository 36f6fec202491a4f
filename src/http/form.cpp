#include "http/form.hpp"

#include "core/text.hpp"

namespace dateline::http {
namespace {

constexpr std::string_view kNotUtf8 = "the form is not valid UTF-8 text";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string RepairUtf8(std::string_view s, bool& repaired) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    size_t bad = core::Utf8ErrorOffset(s);
    if (bad == std::string_view::npos) {
      out.append(s);
      break;
    }
    out.append(s.substr(0, bad)).append("\xEF\xBF\xBD");
    repaired = true;
    s.remove_prefix(bad + 1);
  }
  return out;
}

core::Result<Form> Form::ParseRepairing(std::string_view encoded, bool& repaired,
                                        size_t max_fields) {
  repaired = false;
  auto strict = Parse(encoded, max_fields);
  if (strict.ok() || strict.error().message != kNotUtf8) return strict;
  // Decode without the UTF-8 check, then mend what is not text.
  Form form;
  size_t pos = 0;
  while (pos < encoded.size()) {
    size_t amp = encoded.find('&', pos);
    if (amp == std::string_view::npos) amp = encoded.size();
    std::string_view pair = encoded.substr(pos, amp - pos);
    pos = amp + 1;
    if (pair.empty()) continue;
    if (form.fields_.size() >= max_fields) {
      return core::Error::InvalidArgument("the form has too many fields").ForReaders();
    }
    size_t eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!name || !value)
      return core::Error::InvalidArgument("the form is not properly encoded").ForReaders();
    form.fields_.emplace_back(RepairUtf8(*name, repaired), RepairUtf8(*value, repaired));
  }
  return form;
}

core::Result<Form> Form::Parse(std::string_view encoded, size_t max_fields) {
  Form form;
  size_t pos = 0;
  while (pos <= encoded.size() && !encoded.empty()) {
    size_t amp = encoded.find('&', pos);
    if (amp == std::string_view::npos) amp = encoded.size();
    std::string_view pair = encoded.substr(pos, amp - pos);
    pos = amp + 1;
    if (!pair.empty()) {
      if (form.fields_.size() >= max_fields) {
        return core::Error::InvalidArgument("the form has too many fields").ForReaders();
      }
      size_t eq = pair.find('=');
      auto name = PercentDecode(pair.substr(0, eq), true);
      auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
      if (!name || !value)
        return core::Error::InvalidArgument("the form is not properly encoded").ForReaders();
      if (!core::IsValidUtf8(*name) || !core::IsValidUtf8(*value)) {
        return core::Error::InvalidArgument(std::string(kNotUtf8)).ForReaders();
      }
      form.fields_.emplace_back(std::move(*name), std::move(*value));
    }
    if (amp == encoded.size()) break;
  }
  return form;
}

std::optional<std::string_view> Form::Get(std::string_view name) const {
  for (const auto& [k, v] : fields_) {
    if (k == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::string Form::Value(std::string_view name) const {
  auto v = Get(name);
  return v ? std::string(*v) : std::string();
}

}  // namespace dateline::http
