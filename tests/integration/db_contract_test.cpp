// What every store driver promises (store/db.hpp), checked on the store this pass runs
// on: SQLite or a real PostgreSQL.

#include <gtest/gtest.h>

#include <thread>

#include "harness.hpp"
#include "store/db.hpp"

namespace dateline::testing {
namespace {

using store::Executor;

class DbContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Open(site_.store_url(), {4});
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(db.value());
    ASSERT_TRUE(db_->ExecuteScript("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT UNIQUE, n "
                                   "DOUBLE PRECISION, k BIGINT)")
                    .ok());
  }
  TestSite site_;
  std::unique_ptr<store::Db> db_;
};

TEST_F(DbContractTest, BindsAndReadsEveryType) {
  std::string text = "a\xE2\x80\x94 ? 'quoted' 5\xC2\xBD";
  ASSERT_TRUE(db_->Execute("INSERT INTO t (id, v, n, k) VALUES (?, ?, ?, ?)",
                           {int64_t{1}, text, 1.5, int64_t{9007199254740993}})
                  .ok());
  ASSERT_TRUE(db_->Execute("INSERT INTO t (id, v, n, k) VALUES (?, ?, ?, ?)",
                           {int64_t{2}, nullptr, nullptr, int64_t{-5}})
                  .ok());
  auto rows = db_->Query("SELECT id, v, n, k, COUNT(*) OVER () FROM t ORDER BY id");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Text(1), text);
  EXPECT_DOUBLE_EQ((*rows)[0].Real(2), 1.5);
  EXPECT_EQ((*rows)[0].Int(3), 9007199254740993);
  EXPECT_TRUE(std::holds_alternative<int64_t>((*rows)[0].Raw(4)));
  EXPECT_TRUE((*rows)[1].IsNull(1));
  EXPECT_EQ((*rows)[1].OptionalInt(2), std::nullopt);
  EXPECT_EQ((*rows)[1].Int(3), -5);
}

// A write sent as a read is refused before it runs (SQLite would otherwise let it past the
// writers' queue); reads and writes each go through their own entry.
TEST_F(DbContractTest, AWriteSentAsAReadIsRefusedOnSqlite) {
  auto sneaked = db_->Query("INSERT INTO t (id, v) VALUES (1, 'a') RETURNING id");
  if (db_->dialect() == store::Dialect::kSqlite) {
    ASSERT_FALSE(sneaked.ok());
    EXPECT_EQ(sneaked.error().code, core::ErrorCode::kInternal);
    EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM t")->Int(0), 0) << "nothing was written";
  }
  EXPECT_TRUE(db_->Write("INSERT INTO t (id, v) VALUES (2, 'b') RETURNING id").ok());
}

// Notify and TakeTurns work on both stores, inside a transaction and out.
TEST_F(DbContractTest, NotifyAndTakeTurnsWorkOnEitherStore) {
  auto r = db_->InTransaction([](Executor& tx) -> core::Result<void> {
    DL_TRY(tx.TakeTurns("contract", 5));
    return tx.Notify("dateline_contract", "5");
  });
  EXPECT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(db_->Notify("dateline_contract", "").ok());
}

// Two transactions taking turns on the same key run one after the other: the second
// reads what the first wrote (on SQLite the one writer at a time gives the same).
TEST_F(DbContractTest, TakingTurnsSerializesReadModifyWrite) {
  ASSERT_TRUE(db_->Execute("INSERT INTO t (id, k) VALUES (1, 0)").ok());
  auto bump = [&] {
    for (int i = 0; i < 20; ++i) {
      auto r = db_->InTransaction([](Executor& tx) -> core::Result<void> {
        DL_TRY(tx.TakeTurns("counter", 1));
        auto row = tx.QueryOne("SELECT k FROM t WHERE id = 1");
        if (!row.ok()) return row.error();
        auto w = tx.Execute("UPDATE t SET k = ? WHERE id = 1", {row->Int(0) + 1});
        if (!w.ok()) return w.error();
        return {};
      });
      ASSERT_TRUE(r.ok()) << r.error().message;
    }
  };
  std::thread a(bump), b(bump);
  a.join();
  b.join();
  EXPECT_EQ(db_->QueryOne("SELECT k FROM t WHERE id = 1")->Int(0), 40) << "no update was lost";
}

TEST_F(DbContractTest, ReturningAndChangedRowCounts) {
  auto id = db_->WriteOne("INSERT INTO t (id, v) VALUES (?, ?) RETURNING id",
                          {int64_t{7}, std::string("x")});
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(id->Int(0), 7);
  ASSERT_TRUE(db_->Execute("INSERT INTO t (id, v) VALUES (8, 'y')").ok());
  auto changed = db_->Execute("UPDATE t SET k = ? WHERE id >= ?", {int64_t{1}, int64_t{7}});
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 2);
  EXPECT_EQ(db_->QueryOne("SELECT v FROM t WHERE id = ?", {int64_t{99}}).error().code,
            core::ErrorCode::kNotFound);
}

TEST_F(DbContractTest, ConstraintViolationsHaveStableCodes) {
  ASSERT_TRUE(db_->Execute("INSERT INTO t (id, v) VALUES (1, 'x')").ok());
  auto dup = db_->Execute("INSERT INTO t (id, v) VALUES (2, 'x')");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, core::ErrorCode::kAlreadyExists);
  auto bad = db_->Query("SELECT nope FROM t");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInternal);
}

TEST_F(DbContractTest, TransactionsCommitOrRollBackWhole) {
  auto failed = db_->InTransaction([](Executor& tx) -> core::Result<void> {
    DL_TRY(tx.Execute("INSERT INTO t (id, v) VALUES (1, 'kept?')"));
    return core::Error::Conflict("changed my mind");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, core::ErrorCode::kConflict);
  auto half = db_->InTransaction([](Executor& tx) -> core::Result<void> {
    DL_TRY(tx.Execute("INSERT INTO t (id, v) VALUES (1, 'a')"));
    DL_TRY(tx.Execute("INSERT INTO t (id, v) VALUES (2, 'a')"));  // unique violation
    return {};
  });
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM t")->Int(0), 0);
  ASSERT_TRUE(db_->InTransaction([](Executor& tx) -> core::Result<void> {
                   DL_TRY(tx.Execute("INSERT INTO t (id, v) VALUES (1, 'a')"));
                   return {};
                 })
                  .ok());
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM t")->Int(0), 1);
}

TEST_F(DbContractTest, ConcurrentWritersAllLand) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < 40; ++i) {
        auto r = db_->InTransaction([&](Executor& tx) -> core::Result<void> {
          DL_TRY(tx.Execute("INSERT INTO t (id, v) VALUES (?, ?)",
                            {int64_t{t * 1000 + i}, std::to_string(t * 1000 + i)}));
          return {};
        });
        EXPECT_TRUE(r.ok()) << r.error().message;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM t")->Int(0), 160);
}

TEST_F(DbContractTest, WrongParameterCountIsAnError) {
  EXPECT_FALSE(db_->Execute("INSERT INTO t (id, v) VALUES (?, ?)", {int64_t{1}}).ok());
}

}  // namespace
}  // namespace dateline::testing
