#pragma once
// Cookie headers: reading the request's Cookie header and writing Set-Cookie.

#include <optional>
#include <string>
#include <string_view>

namespace dateline::http {

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or nullopt.
std::optional<std::string_view> CookieValue(std::string_view cookie_header, std::string_view name);

struct CookieOptions {
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
  std::string path = "/";
  std::optional<int64_t> max_age;  // seconds; unset: a session cookie; 0: delete
};

std::string SetCookieHeader(std::string_view name, std::string_view value,
                            const CookieOptions& options);

}  // namespace dateline::http
