#pragma once
// What a handler returns. The server adds Date, Content-Length, security headers and
// turns a matching If-None-Match into 304.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/event_stream.hpp"

namespace dateline::http {

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  // A body is either owned here or shared with a cache (no copy per request).
  std::string body;
  std::shared_ptr<const std::string> shared_body;
  // The same answer gzipped, made once (a cached page, a static file): the server sends it
  // instead, under the ETag with "-gz" added, to a client that accepts gzip (ChooseEncoding).
  std::shared_ptr<const std::string> gzip_body;
  // Set for a streamed answer (Server-Sent Events): the body is what the stream yields,
  // until it ends; the connection closes afterwards.
  std::shared_ptr<EventStream> stream;

  std::string_view Body() const { return shared_body ? std::string_view(*shared_body) : body; }
  std::string_view Header(std::string_view name) const;
  void SetHeader(std::string name, std::string value);

  static Response Text(int status, std::string text);
  static Response Redirect(int status, std::string location);
};

}  // namespace dateline::http
