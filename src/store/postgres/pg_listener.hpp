#pragma once
// Cross-node events over PostgreSQL LISTEN/NOTIFY. A dedicated connection LISTENs on the
// given channels and calls back for every notification, on the listener's own thread.
// When the connection drops it reconnects with backoff, then calls back once per channel
// with an empty payload: notifications may have been missed, so subscribers re-check.

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "store/listener.hpp"

namespace dateline::store {

class PgListener final : public ChangeListener {
 public:
  PgListener(std::string url, std::vector<std::string> channels, ChangeCallback callback);
  ~PgListener() override;
  void Start() override;
  void Stop() override;

 private:
  void Loop();

  std::string url_;
  std::vector<std::string> channels_;
  ChangeCallback callback_;
  std::atomic<bool> stop_{false};
  int wake_fd_ = -1;  // eventfd: Stop() interrupts poll()
  std::thread thread_;
};

}  // namespace dateline::store
