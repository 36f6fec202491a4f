#pragma once
// A suite whose tests share one server on one store of their own, started once per
// suite (CRTP, so each suite has its own). CTest runs each test in a process of its own,
// so in practice each test still gets a fresh server; run directly, a suite shares one.

#include <gtest/gtest.h>

#include "harness.hpp"

namespace dateline::testing {

template <typename Suite>
class SharedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    site_ = new TestSite();
    server_ = ServerProcess::Start(*site_).release();
    ASSERT_NE(server_, nullptr);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete site_;
    server_ = nullptr;
    site_ = nullptr;
  }
  static uint16_t port() { return server_->port(); }

  static inline TestSite* site_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

}  // namespace dateline::testing
