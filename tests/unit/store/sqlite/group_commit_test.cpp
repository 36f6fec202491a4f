// Group commit: writers that queue behind a commit share the next one, and each member of
// a group still commits or rolls back alone.

#include "store/sqlite/group_commit.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "../../../support/temp_dir.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace dateline::store {
namespace {

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteDb::Open(dir_.File("group.db"), 4);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(opened.value());
    ASSERT_TRUE(db_->ExecuteScript("CREATE TABLE t (id INTEGER PRIMARY KEY)").ok());
  }

  // Waits, without sleeping on a guess, until `n` writers are queued behind the commit
  // running now.
  void UntilQueued(size_t n) {
    while (db_->GroupCommits().waiting < n) std::this_thread::yield();
  }

  std::vector<int64_t> Ids() {
    auto rows = db_->Query("SELECT id FROM t ORDER BY id");
    EXPECT_TRUE(rows.ok());
    std::vector<int64_t> ids;
    for (const Row& r : *rows) ids.push_back(r.Int(0));
    return ids;
  }

  testing::TempDir dir_;
  std::unique_ptr<SqliteDb> db_;
};

TEST_F(GroupCommitTest, WritersQueuedBehindACommitShareTheNextOne) {
  // The first transaction holds the writer until three more have queued; those three then
  // go to disk together: two transactions and two syncs for four writers.
  std::atomic<bool> leading = false;
  std::thread first([&] {
    auto done = db_->InTransaction([&](Executor& tx) -> core::Result<void> {
      DL_TRY(tx.Run("INSERT INTO t (id) VALUES (1)"));
      leading = true;
      UntilQueued(3);
      return {};
    });
    EXPECT_TRUE(done.ok());
  });
  while (!leading) std::this_thread::yield();
  core::Result<void> kept, refused;
  bool threw = false;
  std::thread ok([&] {
    kept = db_->InTransaction([](Executor& tx) { return tx.Run("INSERT INTO t (id) VALUES (2)"); });
  });
  std::thread fails([&] {
    refused = db_->InTransaction([](Executor& tx) -> core::Result<void> {
      DL_TRY(tx.Run("INSERT INTO t (id) VALUES (3)"));
      return core::Error::Conflict("changed my mind");
    });
  });
  std::thread throws([&] {
    try {
      (void)db_->Execute("INSERT INTO t (id) VALUES (4)");  // a lone statement joins too
      (void)db_->InTransaction([](Executor& tx) -> core::Result<void> {
        DL_TRY(tx.Run("INSERT INTO t (id) VALUES (5)"));
        throw std::runtime_error("a body that throws");
      });
    } catch (const std::runtime_error&) {
      threw = true;
    }
  });
  first.join();
  ok.join();
  fails.join();
  throws.join();

  EXPECT_TRUE(kept.ok());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
  EXPECT_TRUE(threw) << "the body's exception reaches the thread that ran it";
  // What failed is undone, and only that: 3 and 5 are gone, their neighbours stayed.
  EXPECT_EQ(Ids(), (std::vector<int64_t>{1, 2, 4}));
  auto counts = db_->GroupCommits();
  EXPECT_EQ(counts.members, 5u);
  // 1 alone; 2, 3 and 4 together while 1 held the writer; then 5 alone.
  EXPECT_EQ(counts.groups, 3u) << "the three queued writers shared one commit";
}

TEST_F(GroupCommitTest, AFailedStatementInOneMemberLeavesTheOthersWhole) {
  ASSERT_TRUE(db_->Execute("INSERT INTO t (id) VALUES (7)").ok());
  std::atomic<bool> leading = false;
  std::thread first([&] {
    EXPECT_TRUE(db_->InTransaction([&](Executor& tx) -> core::Result<void> {
                     DL_TRY(tx.Run("INSERT INTO t (id) VALUES (8)"));
                     leading = true;
                     UntilQueued(2);
                     return {};
                   })
                    .ok());
  });
  while (!leading) std::this_thread::yield();
  core::Result<void> duplicate, fine;
  std::thread a([&] {
    duplicate = db_->InTransaction([](Executor& tx) -> core::Result<void> {
      DL_TRY(tx.Run("INSERT INTO t (id) VALUES (9)"));
      return tx.Run("INSERT INTO t (id) VALUES (7)");  // a unique key already taken
    });
  });
  std::thread b([&] {
    fine =
        db_->InTransaction([](Executor& tx) { return tx.Run("INSERT INTO t (id) VALUES (10)"); });
  });
  first.join();
  a.join();
  b.join();
  EXPECT_FALSE(duplicate.ok());
  EXPECT_TRUE(fine.ok());
  EXPECT_EQ(Ids(), (std::vector<int64_t>{7, 8, 10}));
}

}  // namespace
}  // namespace dateline::store
