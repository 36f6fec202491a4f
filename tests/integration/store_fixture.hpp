#pragma once
// The one fixture for tests of services on a real store: a fresh store of this run's kind
// (a SQLite file, or a PostgreSQL database dropped afterwards), migrated, with a clock the
// test moves.

#include <gtest/gtest.h>

#include <memory>

#include "accounts/actor.hpp"
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

  // Accounts 1..6, one per role in the order of accounts::Role (reader first), so a test
  // can act as any role (ActingAs) and name its account as a story's author.
  void AddAccountPerRole() {
    for (const char* role : {"reader", "contributor", "author", "editor", "moderator", "admin"}) {
      auto r = db_->Execute(
          "INSERT INTO users (email, display_name, password_hash, role, email_verified_at, "
          "created_at, updated_at) VALUES (?, ?, 'x', ?, 1, 1, 1)",
          {std::string(role) + "@example.org", std::string(role), std::string(role)});
      ASSERT_TRUE(r.ok()) << r.error().message;
    }
  }
  // The actor of the account AddAccountPerRole made for `role`; anonymous when unset.
  static accounts::Actor ActingAs(std::optional<accounts::Role> role) {
    if (!role) return accounts::ActorFor(std::nullopt);
    accounts::User u;
    u.id = static_cast<int64_t>(*role) + 1;
    u.role = *role;
    u.verified = true;
    return accounts::ActorFor(u);
  }

  TestSite site_;
  core::FakeClock clock_{1'800'000'000};
  std::unique_ptr<store::Db> db_;
};

}  // namespace dateline::testing
