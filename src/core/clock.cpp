#include "core/clock.hpp"

#include <chrono>

namespace dateline::core {

int64_t SystemClock::NowSeconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace dateline::core
