#include "webhook_receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace dateline::testing {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Reads until `fd` has given a whole request (headers and Content-Length bytes), or closes,
// or two seconds pass without a byte.
bool ReadRequest(int fd, ReceivedRequest& out) {
  std::string buffer;
  size_t header_end = std::string::npos;
  size_t wanted = 0;
  char chunk[4096];
  for (;;) {
    if (header_end == std::string::npos) {
      header_end = buffer.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        size_t line_end = buffer.find("\r\n");
        std::string first = buffer.substr(0, line_end);
        size_t sp1 = first.find(' ');
        size_t sp2 = first.find(' ', sp1 + 1);
        if (sp1 == std::string::npos || sp2 == std::string::npos) return false;
        out.method = first.substr(0, sp1);
        out.target = first.substr(sp1 + 1, sp2 - sp1 - 1);
        size_t at = line_end + 2;
        while (at < header_end) {
          size_t end = buffer.find("\r\n", at);
          std::string line = buffer.substr(at, end - at);
          at = end + 2;
          size_t colon = line.find(':');
          if (colon == std::string::npos) continue;
          std::string value = line.substr(colon + 1);
          value.erase(0, value.find_first_not_of(' '));
          out.headers.emplace_back(Lower(line.substr(0, colon)), value);
        }
        wanted = std::strtoull(out.Header("content-length").c_str(), nullptr, 10);
      }
    }
    if (header_end != std::string::npos && buffer.size() >= header_end + 4 + wanted) {
      out.body = buffer.substr(header_end + 4, wanted);
      return true;
    }
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 2000) <= 0) return false;
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
  }
}

}  // namespace

std::string ReceivedRequest::Header(const std::string& lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return "";
}

WebhookReceiver::WebhookReceiver() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(fd, 16) != 0 || getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) close(fd);
    return;
  }
  listen_fd_ = fd;
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

WebhookReceiver::~WebhookReceiver() {
  if (listen_fd_ < 0) return;
  shutdown(listen_fd_, SHUT_RDWR);  // wakes the accept below
  thread_.join();
  close(listen_fd_);
}

void WebhookReceiver::AnswerWith(std::vector<int> statuses) {
  std::lock_guard lock(mutex_);
  statuses_.assign(statuses.begin(), statuses.end());
}

std::vector<ReceivedRequest> WebhookReceiver::Received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

size_t WebhookReceiver::Count() const {
  std::lock_guard lock(mutex_);
  return received_.size();
}

void WebhookReceiver::Serve() {
  for (;;) {
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) return;  // shut down
    Handle(fd);
    close(fd);
  }
}

void WebhookReceiver::Handle(int fd) {
  ReceivedRequest request;
  if (!ReadRequest(fd, request)) return;
  int status = 204;
  {
    std::lock_guard lock(mutex_);
    if (!statuses_.empty()) {
      status = statuses_.front();
      statuses_.pop_front();
    }
    received_.push_back(std::move(request));
  }
  std::string answer = "HTTP/1.1 " + std::to_string(status) +
                       " Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  (void)write(fd, answer.data(), answer.size());
}

}  // namespace dateline::testing
