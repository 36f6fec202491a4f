#include "store/sqlite/sqlite_db.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "../../support/temp_dir.hpp"

namespace dateline::store {
namespace {

class SqliteDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = SqliteDb::Open(dir_.File("t.db"));
    ASSERT_TRUE(db.ok());
    db_ = std::move(db.value());
    ASSERT_TRUE(
        db_->ExecuteScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE, n REAL)").ok());
  }
  testing::TempDir dir_;
  std::unique_ptr<SqliteDb> db_;
};

TEST_F(SqliteDbTest, BindsAndReadsEveryType) {
  ASSERT_TRUE(
      db_->Execute("INSERT INTO t (v, n) VALUES (?, ?)", {std::string("a\xE2\x80\x94"), 1.5}).ok());
  ASSERT_TRUE(db_->Execute("INSERT INTO t (v, n) VALUES (?, ?)", {nullptr, int64_t{2}}).ok());
  auto rows = db_->Query("SELECT id, v, n FROM t ORDER BY id");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Text(1), "a\xE2\x80\x94");
  EXPECT_DOUBLE_EQ((*rows)[0].Real(2), 1.5);
  EXPECT_TRUE((*rows)[1].IsNull(1));
  EXPECT_EQ((*rows)[1].OptionalInt(1), std::nullopt);
}

TEST_F(SqliteDbTest, UniqueViolationIsAlreadyExists) {
  ASSERT_TRUE(db_->Execute("INSERT INTO t (v) VALUES (?)", {std::string("x")}).ok());
  auto again = db_->Execute("INSERT INTO t (v) VALUES (?)", {std::string("x")});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kAlreadyExists);
}

TEST_F(SqliteDbTest, WrongParameterCountIsAnError) {
  auto r = db_->Execute("INSERT INTO t (v) VALUES (?)", {});
  ASSERT_FALSE(r.ok());
}

TEST_F(SqliteDbTest, TransactionRollsBackOnError) {
  auto result = db_->InTransaction([](Executor& tx) -> core::Result<void> {
    DL_TRY(tx.Execute("INSERT INTO t (v) VALUES ('kept?')"));
    return core::Error::Conflict("changed my mind");
  });
  ASSERT_FALSE(result.ok());
  auto count = db_->QueryOne("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->Int(0), 0);
}

TEST_F(SqliteDbTest, ConcurrentWritersAllLand) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < 50; ++i) {
        auto r = db_->InTransaction([&](Executor& tx) -> core::Result<void> {
          DL_TRY(tx.Execute("INSERT INTO t (v) VALUES (?)", {std::to_string(t * 1000 + i)}));
          return {};
        });
        EXPECT_TRUE(r.ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  auto count = db_->QueryOne("SELECT COUNT(*) FROM t");
  EXPECT_EQ(count->Int(0), 200);
}

}  // namespace
}  // namespace dateline::store
