#include "smtp_log_sink.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "harness_nginx.hpp"

namespace dateline::testing {
namespace {}  // namespace

SmtpLogSink::SmtpLogSink() {
  uint16_t port = FreePort();
  // "smtp-sink: listening on ..." once it accepts connections.
  Helper helper =
      StartHelper({SourceDir() + "/scripts/smtp-sink", dir_.path(), std::to_string(port), "--log"});
  pid_ = helper.pid;
  const std::string& line = helper.first_line;
  if (line.find("listening on") != std::string::npos) {
    port_ = port;
  } else {
    std::fprintf(stderr, "smtp-sink did not start: %s\n", line.c_str());
  }
}

SmtpLogSink::~SmtpLogSink() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

std::vector<SmtpLogSink::Received> SmtpLogSink::All() const {
  std::vector<Received> out;
  std::ifstream in(dir_.File("received.log"));
  std::string line;
  while (std::getline(in, line)) {
    Received r;
    std::istringstream fields(line);
    std::getline(fields, r.to, '\t');
    std::getline(fields, r.message_id, '\t');
    std::getline(fields, r.mail_from, '\t');
    out.push_back(std::move(r));
  }
  return out;
}

size_t SmtpLogSink::Count() const {
  std::ifstream in(dir_.File("received.log"));
  size_t n = 0;
  std::string line;
  while (std::getline(in, line)) ++n;
  return n;
}

}  // namespace dateline::testing
