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

}  // namespace dateline::http
