#pragma once
// What a log line knows about the request it was written for. The HTTP server sets the
// request id on the thread that runs a request (and, for the access-log line only, that
// line's fields); the log formatter reads them. No function in between passes them along.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline::core {

// A field of a structured log line: `number` ones are written without quotes in JSON.
struct LogField {
  std::string_view name;
  std::string value;
  bool number = false;
};

struct LogContext {
  std::string request_id;                         // empty outside a request
  const std::vector<LogField>* fields = nullptr;  // set around one log call only
};

// This thread's context.
LogContext& CurrentLogContext();

// Sets this thread's request id until the scope ends (then restores the one before).
class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string id) : previous_(std::move(CurrentLogContext().request_id)) {
    CurrentLogContext().request_id = std::move(id);
  }
  ~ScopedRequestId() { CurrentLogContext().request_id = std::move(previous_); }
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

 private:
  std::string previous_;
};

// Attaches fields to the log lines written while it lives (one, by convention).
class ScopedLogFields {
 public:
  explicit ScopedLogFields(const std::vector<LogField>& fields) {
    CurrentLogContext().fields = &fields;
  }
  ~ScopedLogFields() { CurrentLogContext().fields = nullptr; }
  ScopedLogFields(const ScopedLogFields&) = delete;
  ScopedLogFields& operator=(const ScopedLogFields&) = delete;
};

// Text with the secrets a log line could pick up by accident replaced by "***": the
// password in a URL ("postgres://news:***@db/news", "smtp://u:***@mail"), bearer and
// API tokens ("Bearer ***"), Stripe keys ("sk_live_***", "whsec_***") and Dateline's own
// token prefixes. Applied to every log line by the formatter.
std::string RedactSecrets(std::string_view text);

}  // namespace dateline::core
