#include "accounts/email_address.hpp"

#include "core/text.hpp"

namespace dateline::accounts {

std::optional<std::string> NormalizeEmail(std::string_view input) {
  std::string_view trimmed = core::Trim(input);
  if (trimmed.size() < 3 || trimmed.size() > 254 || !core::IsValidUtf8(trimmed))
    return std::nullopt;
  size_t at = trimmed.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 ||
      trimmed.find('@', at + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view local = trimmed.substr(0, at), domain = trimmed.substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.find("..") != std::string_view::npos || local.front() == '.' ||
      local.back() == '.' || local.find("..") != std::string_view::npos) {
    return std::nullopt;
  }
  for (char ch : local) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool ok = c >= 0x80 || std::isalnum(c) ||
              std::string_view("!#$%&'*+-/=?^_`{|}~.").find(ch) != std::string_view::npos;
    if (!ok) return std::nullopt;
  }
  for (char ch : domain) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (!(c >= 0x80 || std::isalnum(c) || ch == '-' || ch == '.')) return std::nullopt;
  }
  std::string out(trimmed);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace dateline::accounts
