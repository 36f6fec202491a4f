#pragma once
// Time comes through a Clock so tests can move it. Times are integer epoch seconds, as
// stored in both databases.

#include <cstdint>

namespace dateline::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowSeconds() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowSeconds() const override;
};

// For tests: time stands still until told to move.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t now) : now_(now) {}
  int64_t NowSeconds() const override { return now_; }
  void Advance(int64_t seconds) { now_ += seconds; }
  void Set(int64_t now) { now_ = now; }

 private:
  int64_t now_;
};

}  // namespace dateline::core
