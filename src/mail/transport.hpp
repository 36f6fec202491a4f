#pragma once
// Where formatted emails go. `file` (the default) writes .eml files an operator can open;
// `smtp` hands them to a mail server. Called from the sender job's thread only.

#include <memory>
#include <string>

#include "core/result.hpp"

namespace dateline::mail {

class Transport {
 public:
  virtual ~Transport() = default;
  // `rfc5322` is the whole message; `to` and `from` are bare addresses for the envelope.
  // A refusal meant for good (an SMTP 5xx reply) is kInvalidArgument; anything a later
  // try may get past (4xx, a dropped connection, a timeout) is kUnavailable.
  virtual core::Result<void> Send(const std::string& from, const std::string& to,
                                  const std::string& rfc5322) = 0;
  virtual std::string Describe() const = 0;
  // The longest one Send may take before it gives up: the sender leases messages for no
  // less, so no other node takes a message while it is still being sent.
  virtual double MaxSendSeconds() const = 0;
  // Whether mail could go now, sending nothing (`dateline doctor`): the folder is
  // writable; the server answers, TLS and the login (when configured) succeed, and it
  // accepts a NOOP. Fails saying what did not work.
  virtual core::Result<void> Check() = 0;
};

// Writes DIR/<time>-<n>.eml and logs where.
std::unique_ptr<Transport> MakeFileTransport(std::string dir);

struct SmtpSettings {
  std::string url;  // smtp://host:port (STARTTLS if offered or required) or smtps://host:port
  bool require_tls = false;  // refuse to send over a connection without TLS
  std::string username;
  std::string password;
  double timeout_seconds = 30;
};
std::unique_ptr<Transport> MakeSmtpTransport(SmtpSettings settings);

}  // namespace dateline::mail
