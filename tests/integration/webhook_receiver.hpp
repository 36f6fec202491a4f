#pragma once
// A real HTTP endpoint for webhook tests: a thread that accepts POSTs on a free loopback
// port, keeps each request (headers and body), and answers with the statuses it was told
// to give, in order (204 once the list runs out).

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace dateline::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;
  std::string Header(const std::string& lower_name) const;
};

class WebhookReceiver {
 public:
  WebhookReceiver();
  ~WebhookReceiver();
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  bool running() const { return listen_fd_ >= 0; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hooks"; }
  // The statuses the next requests get, in order.
  void AnswerWith(std::vector<int> statuses);
  std::vector<ReceivedRequest> Received() const;
  size_t Count() const;

 private:
  void Serve();
  void Handle(int fd);
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::deque<int> statuses_;
  std::vector<ReceivedRequest> received_;
  std::thread thread_;
};

}  // namespace dateline::testing
