#include "harness_nginx.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness.hpp"

namespace dateline::testing {

NginxProcess::NginxProcess(const std::string& dir, const std::string& site_conf, uint16_t port)
    : dir_(dir) {
  std::filesystem::create_directories(dir_);
  std::ofstream(dir_ + "/site.conf") << site_conf;
  std::ofstream(dir_ + "/nginx.conf")
      << "daemon off;\nworker_processes 1;\npid " << dir_ << "/nginx.pid;\nerror_log " << dir_
      << "/error.log;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n"
      << "  client_body_temp_path " << dir_ << ";\n  proxy_temp_path " << dir_ << ";\n"
      << "  include " << dir_ << "/site.conf;\n}\n";
  pid_ = fork();
  if (pid_ == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl("/usr/sbin/nginx", "nginx", "-c", (dir_ + "/nginx.conf").c_str(), nullptr);
    _exit(127);
  }
  running_ = WaitFor([&] { return HttpConnection(port).connected(); }, std::chrono::seconds(5));
}

NginxProcess::~NginxProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
}

std::string NginxProcess::ErrorLog() const {
  std::ifstream in(dir_ + "/error.log");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string SourceFile(const std::string& relative) {
  std::ifstream in(SourceDir() + "/" + relative);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool ReplaceFirst(std::string& text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  if (at == std::string::npos) return false;
  text.replace(at, from.size(), to);
  return true;
}

uint16_t FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace dateline::testing
