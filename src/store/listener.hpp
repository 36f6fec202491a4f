#pragma once
// Signals between nodes that share a store. PostgreSQL carries them with LISTEN/NOTIFY;
// a SQLite store has one node and needs none (OpenChangeListener returns null).
// A writer raises a signal inside its transaction (see content_generation.hpp); every
// node's listener hears it after commit.

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dateline::store {

using ChangeCallback = std::function<void(const std::string& channel, const std::string& payload)>;

class ChangeListener {
 public:
  virtual ~ChangeListener() = default;
  virtual void Start() = 0;
  virtual void Stop() = 0;
};

std::unique_ptr<ChangeListener> OpenChangeListener(const std::string& store_url,
                                                   std::vector<std::string> channels,
                                                   ChangeCallback callback);

}  // namespace dateline::store
