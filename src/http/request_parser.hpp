#pragma once
// Parses one HTTP/1.1 request from bytes as they arrive, within hard limits, and never
// throws: every failure is a status to answer with (400, 413, 431, 501). No Beast types
// here, so the server and the fuzzers share it without pulling in Asio.
//
// Why our own storage instead of Beast's fields: Beast's `fields` throws std::length_error
// for a name or value of 64 KiB or more, from inside the read, and merges trailer fields
// into the header (a cookie sent only as a trailer would sign a reader in). Here headers
// are plain strings bounded by the header limit, and trailers are counted, then dropped
// (RFC 9110 §6.5.1 lets a recipient discard them).
//
// Every byte of a request counts against a limit: the head against `max_header_bytes`,
// the body against `max_body_bytes`, and chunk framing (sizes, extensions, trailers)
// against `max_framing_bytes`. The caller's buffer must hold a whole head, chunk-size
// line or trailer section (at most `BufferLimit()` bytes).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace dateline::http {

struct ParseLimits {
  size_t max_header_bytes = 16 * 1024;
  uint64_t max_body_bytes = 1024 * 1024;
  size_t max_framing_bytes = 64 * 1024;
  // POSTs to these paths (an image upload) may carry a body of up to `max_upload_bytes`
  // instead: decided from the head, before a byte of the body is read.
  uint64_t max_upload_bytes = 0;
  std::vector<std::string> upload_paths;
};

class RequestParser {
 public:
  explicit RequestParser(const ParseLimits& limits);
  ~RequestParser();
  RequestParser(const RequestParser&) = delete;
  RequestParser& operator=(const RequestParser&) = delete;

  // Feeds the unparsed input (everything buffered, from the first unconsumed byte);
  // returns how many bytes were consumed. Call again with more input while NeedsMore().
  size_t Feed(std::string_view input);

  bool NeedsMore() const { return error_status_ == 0 && !done_; }
  bool HeaderDone() const { return header_done_; }
  bool Done() const { return done_; }
  // 0 while all is well; otherwise the status to answer before closing.
  int ErrorStatus() const { return error_status_; }
  // Why, for the log (never shown to the client).
  const std::string& ErrorReason() const { return error_reason_; }
  // Called when the caller's buffer is full and the parser still needs more.
  void FailBufferFull();

  // After the head: whether the client waits for "100 Continue" before sending a body.
  bool ExpectsContinue() const;
  bool KeepAlive() const;
  unsigned Version() const { return version_; }
  // The largest unparsed input the parser may need at once.
  size_t BufferLimit() const;

  // The request parsed so far: method, target and headers once HeaderDone(), the body
  // once Done(). path, query and remote_address are left to the caller.
  Request& request() { return request_; }

 private:
  class Impl;
  friend class Impl;
  void Fail(int status, std::string reason);

  ParseLimits limits_;
  uint64_t body_limit_ = 0;  // max_body_bytes, or max_upload_bytes for an upload
  std::unique_ptr<Impl> impl_;
  Request request_;
  bool header_done_ = false;
  bool done_ = false;
  int error_status_ = 0;
  std::string error_reason_;
  unsigned version_ = 11;
  uint64_t consumed_ = 0;       // every byte fed and accepted so far
  uint64_t header_bytes_ = 0;   // of which the head
  uint64_t framing_bytes_ = 0;  // chunk extensions and trailer fields
  // Beast asked for more bytes and has not been given enough to resume (see Feed).
  bool waiting_for_more_ = false;
};

// Whether a Transfer-Encoding value (all its header lines joined by ", ") frames a body we
// can read: 0 when it is exactly "chunked"; 501 when chunked comes last after other codings
// we do not decode; 400 when chunked is not last or repeated (RFC 9112 §6.3: the length
// cannot be known, so the connection must close).
int TransferEncodingStatus(std::string_view value);

}  // namespace dateline::http
