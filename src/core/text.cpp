#include "core/text.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace dateline::core {

size_t Utf8ErrorOffset(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (int k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) {
      return i;  // overlong
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string EscapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

std::string Slugify(std::string_view text) {
  std::string out;
  bool dash = false;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !out.empty()) out += '-';
      out += static_cast<char>(c);
      dash = false;
    } else if (c >= 'A' && c <= 'Z') {
      if (dash && !out.empty()) out += '-';
      out += static_cast<char>(c - 'A' + 'a');
      dash = false;
    } else if (c != '\'' && (c < 0x80 || (c & 0xC0) == 0xC0)) {
      dash = true;  // apostrophes vanish ("Here's" -> "heres"); other marks separate words
    }
    if (out.size() > 80) break;
  }
  // At most 80 characters, ending at a word's end: "a-long-headline-about-the-treaty",
  // never "a-long-headline-about-the-tre".
  if (out.size() > 80) {
    size_t cut = out.rfind('-', 80);
    out.resize(cut == std::string::npos || cut == 0 ? 80 : cut);
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

bool IsLowerHex(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool IsValidSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > 100 || slug.front() == '-' || slug.back() == '-') {
    return false;
  }
  char prev = 0;
  for (char c : slug) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::optional<int64_t> ParseInt64(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

int64_t ParseId(std::string_view text) {
  auto n = ParseInt64(text);
  return n && *n > 0 ? *n : 0;
}

bool HasInvisibleOrControl(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    uint32_t cp = b;
    size_t len = 1;
    if (b >= 0xF0 && i + 3 < s.size()) {
      len = 4;
      cp = ((b & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
           ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
    } else if (b >= 0xE0 && i + 2 < s.size()) {
      len = 3;
      cp = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    } else if (b >= 0xC0 && i + 1 < s.size()) {
      len = 2;
      cp = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
    }
    bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
    bool invisible = cp == 0x00AD || cp == 0x061C || cp == 0x180E ||
                     (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
                     (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
                     (cp >= 0xFFF9 && cp <= 0xFFFB);
    if (control || invisible) return true;
    i += len;
  }
  return false;
}

bool ContainsWords(std::string_view text, std::string_view words) {
  if (words.empty()) return false;
  auto word_char = [](char c) {
    auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u >= 0x80;
  };
  for (size_t at = text.find(words); at != std::string_view::npos; at = text.find(words, at + 1)) {
    size_t end = at + words.size();
    bool starts = at == 0 || !word_char(text[at - 1]) || !word_char(words.front());
    bool ends = end == text.size() || !word_char(text[end]) || !word_char(words.back());
    if (starts && ends) return true;
  }
  return false;
}

std::string ContentHash(std::string_view data) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h);
}

}  // namespace dateline::core
