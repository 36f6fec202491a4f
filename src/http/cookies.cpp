#include "http/cookies.hpp"

#include "core/text.hpp"

namespace dateline::http {

std::optional<std::string_view> CookieValue(std::string_view header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = core::Trim(header.substr(pos, end - pos));
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && core::Trim(pair.substr(0, eq)) == name) {
      std::string_view value = core::Trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return value;
    }
    pos = end + 1;
  }
  return std::nullopt;
}

std::string SetCookieHeader(std::string_view name, std::string_view value, const CookieOptions& o) {
  std::string out;
  out.append(name).append("=").append(value);
  out.append("; Path=").append(o.path);
  if (o.max_age) out.append("; Max-Age=").append(std::to_string(*o.max_age));
  if (o.http_only) out.append("; HttpOnly");
  if (o.secure) out.append("; Secure");
  if (!o.same_site.empty()) out.append("; SameSite=").append(o.same_site);
  return out;
}

}  // namespace dateline::http
