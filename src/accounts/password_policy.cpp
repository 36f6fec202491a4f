#include "accounts/password_policy.hpp"

#include <fmt/format.h>

#include <fstream>

#include "core/text.hpp"

namespace dateline::accounts {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

core::Result<PasswordPolicy> PasswordPolicy::Load(size_t min_length, const std::string& path) {
  PasswordPolicy policy(min_length);
  std::ifstream in(path);
  if (!in) return core::Error::InvalidArgument("cannot read the common-password list " + path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    policy.common_.insert(LowerAscii(line));
  }
  return policy;
}

core::Result<void> PasswordPolicy::Check(std::string_view password, std::string_view email) const {
  if (!core::IsValidUtf8(password)) {
    return core::Error::InvalidArgument("The password must be text (UTF-8).").ForReaders();
  }
  size_t length = core::CodePointCount(password);
  if (length < min_length_) {
    return core::Error::InvalidArgument(
               fmt::format("Choose a password of at least {} characters.", min_length_))
        .ForReaders();
  }
  if (length > kMaxLength) {
    return core::Error::InvalidArgument(
               fmt::format("Choose a password of at most {} characters.", kMaxLength))
        .ForReaders();
  }
  std::string lower = LowerAscii(password);
  if (common_.count(lower)) {
    return core::Error::InvalidArgument(
               "That password is on a list of common or breached passwords. Choose another.")
        .ForReaders();
  }
  std::string mail = LowerAscii(email);
  if (!mail.empty() && (lower == mail || lower == mail.substr(0, mail.find('@')))) {
    return core::Error::InvalidArgument("The password must not be your email address.")
        .ForReaders();
  }
  bool all_same = true;
  for (char c : password) all_same = all_same && c == password[0];
  if (all_same)
    return core::Error::InvalidArgument("Choose a password that is not one repeated character.")
        .ForReaders();
  return {};
}

}  // namespace dateline::accounts
