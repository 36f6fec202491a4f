#include "core/log_context.hpp"

#include <array>
#include <cctype>

namespace dateline::core {

LogContext& CurrentLogContext() {
  thread_local LogContext context;
  return context;
}

namespace {

bool TokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
         c == '~' || c == '+' || c == '/' || c == '=';
}

// Prefixes after which everything up to the end of the token is secret.
constexpr std::array<std::string_view, 8> kTokenPrefixes = {
    "sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_", "Bearer ", "bearer ", "dlk_"};

}  // namespace

std::string RedactSecrets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    // scheme://user:password@host: keep the user, hide the password.
    if (text.compare(i, 3, "://") == 0) {
      size_t start = i + 3;
      size_t end = start;
      while (end < text.size() && text[end] != '@' && text[end] != '/' && text[end] != ' ' &&
             text[end] != '"' && text[end] != '\'') {
        ++end;
      }
      size_t colon = text.find(':', start);
      if (end < text.size() && text[end] == '@' && colon < end) {
        out.append(text.substr(i, colon + 1 - i));
        out += "***";
        i = end;
        continue;
      }
    }
    bool redacted = false;
    for (std::string_view prefix : kTokenPrefixes) {
      if (text.compare(i, prefix.size(), prefix) != 0) continue;
      // Only at the start of a word: "task_live_" is not a key.
      if (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) continue;
      size_t end = i + prefix.size();
      while (end < text.size() && TokenChar(text[end])) ++end;
      if (end == i + prefix.size()) continue;
      out.append(prefix);
      out += "***";
      i = end;
      redacted = true;
      break;
    }
    if (redacted) continue;
    out += text[i++];
  }
  return out;
}

}  // namespace dateline::core
