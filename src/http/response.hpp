#pragma once
// What a handler returns. The server adds Date, Content-Length, security headers and
// turns a matching If-None-Match into 304.

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/compressed.hpp"
#include "http/event_stream.hpp"

namespace dateline::http {

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  // A body is either owned here or shared with a cache (no copy per request).
  std::string body;
  std::shared_ptr<const std::string> shared_body;
  // The same answer compressed, made once (a cached page, a static file): the server sends
  // the twin the client prefers instead, under the ETag with "-br" or "-gz" added
  // (ChooseEncoding).
  core::Compressed compressed;
  // Whether a client may ask for part of it (Range: bytes=...; a static file, an image):
  // then the server answers 206 with the part (ApplyRange) and says Accept-Ranges.
  bool ranges = false;
  // The part of the body sent (a 206): Body() is this slice of it.
  size_t body_offset = 0;
  size_t body_length = std::string_view::npos;
  // Not an answer: the handler, run inline on an I/O thread, would have to build (see
  // RunningInline in lane.hpp); the server runs it again on a worker.
  bool on_worker = false;
  // Set for a streamed answer (Server-Sent Events): the body is what the stream yields,
  // until it ends; the connection closes afterwards.
  std::shared_ptr<EventStream> stream;

  std::string_view Body() const {
    std::string_view all = shared_body ? std::string_view(*shared_body) : body;
    return body_offset == 0 && body_length == std::string_view::npos
               ? all
               : all.substr(std::min(body_offset, all.size()), body_length);
  }
  std::string_view Header(std::string_view name) const;
  void SetHeader(std::string name, std::string value);

  static Response Text(int status, std::string text);
  static Response Redirect(int status, std::string location);
  static Response OnWorker() {
    Response r;
    r.on_worker = true;
    return r;
  }
};

}  // namespace dateline::http
