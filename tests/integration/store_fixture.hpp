#pragma once
// The one fixture for tests of services on a real store: a fresh store of this run's kind
// (a SQLite file, or a PostgreSQL database dropped afterwards), migrated, with a clock the
// test moves.

#include <gtest/gtest.h>

#include <memory>

#include "app/schema.hpp"
#include "core/clock.hpp"
#include "harness.hpp"
#include "store/db.hpp"
#include "store/migrations.hpp"

namespace dateline::testing {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Open(site_.store_url(), {4});
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(db.value());
    ASSERT_TRUE(store::Migrate(*db_, app::Schema().migrations, clock_).ok());
  }

  TestSite site_;
  core::FakeClock clock_{1'800'000'000};
  std::unique_ptr<store::Db> db_;
};

}  // namespace dateline::testing
