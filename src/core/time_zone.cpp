#include "core/time_zone.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>

namespace dateline::core {
namespace {

std::string& ZoneName() {
  static std::string name = "UTC";
  return name;
}

bool IsUtc() { return ZoneName() == "UTC"; }

// An IANA name: letters, digits and "_+-", in parts separated by '/', never "..".
bool LooksLikeZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') {
    return false;
  }
  if (name.find("..") != std::string_view::npos) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '+' && c != '-' &&
        c != '/') {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsKnownTimeZone(std::string_view name) {
  if (name == "UTC") return true;
  if (!LooksLikeZoneName(name)) return false;
  std::error_code ec;
  return std::filesystem::is_regular_file("/usr/share/zoneinfo/" + std::string(name), ec);
}

Result<void> SetSiteTimeZone(std::string_view name) {
  if (!IsKnownTimeZone(name)) {
    return Error::InvalidArgument(
        fmt::format("time_zone '{}' is not a time zone this machine knows (an IANA name such "
                    "as Europe/Zurich; is the tzdata package installed?)",
                    name));
  }
  ZoneName() = std::string(name);
  if (!IsUtc()) {
    // Called once at start, before any thread exists (see the header).
    setenv("TZ", (":" + ZoneName()).c_str(), 1);  // NOLINT(concurrency-mt-unsafe)
    tzset();
  }
  return {};
}

const std::string& SiteTimeZone() { return ZoneName(); }

std::tm ToSiteTime(int64_t epoch_seconds) {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  if (IsUtc()) {
    gmtime_r(&t, &tm);
  } else {
    localtime_r(&t, &tm);
  }
  return tm;
}

std::optional<int64_t> ParseSiteTime(std::string_view text) {
  // YYYY-MM-DDTHH:MM with optional :SS (a space may stand for the T).
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  auto digits = [&](size_t at, size_t n, int& out) {
    out = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  std::tm tm{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(0, 4, year) || text[4] != '-' || !digits(5, 2, month) || text[7] != '-' ||
      !digits(8, 2, day) || (text[10] != 'T' && text[10] != ' ') || !digits(11, 2, hour) ||
      text[13] != ':' || !digits(14, 2, minute)) {
    return std::nullopt;
  }
  if (text.size() == 19 && (text[16] != ':' || !digits(17, 2, second))) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  tm.tm_isdst = -1;  // the zone's rules decide
  std::time_t t = IsUtc() ? timegm(&tm) : mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  // A day past the month's end ("02-31") comes back normalised: refuse it.
  if (tm.tm_mday != day || tm.tm_mon != month - 1) return std::nullopt;
  return static_cast<int64_t>(t);
}

std::string FormatSiteInputTime(int64_t epoch_seconds) {
  std::tm tm = ToSiteTime(epoch_seconds);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int64_t NextSiteMidnight(int64_t now) {
  std::tm tm = ToSiteTime(now);
  int64_t since_midnight = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
  return now - since_midnight + 86400;
}

}  // namespace dateline::core
