#pragma once
// A response body written as it comes: Server-Sent Events. The server sends the head,
// then whatever Take() returns, waiting in between for the stream to call `wake`; a
// comment line every few seconds keeps proxies from closing a quiet connection. The
// stream ends when Take() says so, when the client goes away, or at shutdown.

#include <functional>
#include <optional>
#include <string>

namespace dateline::http {

class EventStream {
 public:
  virtual ~EventStream() = default;
  // What is ready now ("" if nothing); nullopt once the stream is over.
  virtual std::optional<std::string> Take() = 0;
  // Called once, before the first Take. `wake` may be called from any thread whenever
  // Take has something new.
  virtual void OnReady(std::function<void()> wake) = 0;
};

}  // namespace dateline::http
