#include "accounts/one_time_code.hpp"

#include "core/crypto.hpp"

namespace dateline::accounts {

std::string GenerateCode() {
  std::string code;
  for (size_t i = 0; i < kCodeLength; ++i) {
    code += kCodeAlphabet[core::RandomUniform(static_cast<uint32_t>(kCodeAlphabet.size()))];
  }
  return code;
}

std::string FormatCode(std::string_view code) {
  std::string out(code.substr(0, 5));
  if (code.size() > 5) out.append("-").append(code.substr(5));
  return out;
}

std::optional<std::string> NormalizeCode(std::string_view typed) {
  std::string out;
  for (char ch : typed) {
    if (ch == '-' || ch == ' ' || ch == '\t') continue;
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (kCodeAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    out += c;
    if (out.size() > kCodeLength) return std::nullopt;
  }
  if (out.size() != kCodeLength) return std::nullopt;
  return out;
}

}  // namespace dateline::accounts
