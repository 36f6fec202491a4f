#include "http/request_target.hpp"

#include <boost/url/parse.hpp>

namespace dateline::http {

std::optional<RequestTarget> ParseRequestTarget(std::string_view target) {
  RequestTarget out;
  if (!target.empty() && target.front() == '/') {
    auto url = boost::urls::parse_origin_form(target);
    if (!url) return std::nullopt;
    out.path = url->path();
    out.query = std::string(url->encoded_query());
  } else {
    auto url = boost::urls::parse_absolute_uri(target);
    if (!url || (url->scheme() != "http" && url->scheme() != "https")) return std::nullopt;
    out.path = url->path().empty() ? std::string("/") : std::string(url->path());
    out.query = std::string(url->encoded_query());
  }
  if (out.path.empty() || out.path.front() != '/') return std::nullopt;
  if (out.path.find('\0') != std::string::npos) return std::nullopt;
  return out;
}

std::string SafeNextPath(std::string_view next) {
  if (next.empty() || next.size() > 512 || next[0] != '/') return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
  for (unsigned char c : next) {
    if (c < 0x21 || c == 0x7f || c == '\\' || c >= 0x80) return "/";
  }
  return std::string(next);
}

}  // namespace dateline::http
