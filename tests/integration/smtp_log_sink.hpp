#pragma once
// A private copy of the SMTP test server (scripts/smtp-sink --log) for sends of thousands:
// it counts what it accepts, one line per recipient, instead of filing each message.

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "../support/temp_dir.hpp"

namespace dateline::testing {

class SmtpLogSink {
 public:
  SmtpLogSink();
  ~SmtpLogSink();
  SmtpLogSink(const SmtpLogSink&) = delete;

  bool started() const { return port_ != 0; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  struct Received {
    std::string to;
    std::string message_id;
    std::string mail_from;
  };
  // Everything accepted so far, in order.
  std::vector<Received> All() const;
  // How many recipients were accepted so far (cheap: counts lines).
  size_t Count() const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

}  // namespace dateline::testing
