#pragma once
// Debian's nginx, run by a test with one of deploy/'s site files (rewritten by the test for
// its ports and paths) inside a minimal main configuration of its own.

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace dateline::testing {

class NginxProcess {
 public:
  // Starts nginx with `site_conf` included in its http block, its files under `dir`, and
  // waits until `port` accepts connections.
  NginxProcess(const std::string& dir, const std::string& site_conf, uint16_t port);
  ~NginxProcess();
  NginxProcess(const NginxProcess&) = delete;
  NginxProcess& operator=(const NginxProcess&) = delete;
  bool running() const { return running_; }
  std::string ErrorLog() const;

 private:
  std::string dir_;
  pid_t pid_ = -1;
  bool running_ = false;
};

// The text of a file under the source tree ("deploy/nginx.conf").
std::string SourceFile(const std::string& relative);
// Replaces the first `from` in `text` with `to`; false when `from` is not there.
bool ReplaceFirst(std::string& text, const std::string& from, const std::string& to);
// A TCP port on 127.0.0.1 that nothing listens on now (the kernel's pick, released at once).
uint16_t FreePort();

}  // namespace dateline::testing
