// The SQLite store under steady reads: the write-ahead log must not grow without end.

#include "store/sqlite/sqlite_db.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "../../../support/temp_dir.hpp"

namespace dateline::store {
namespace {

TEST(SqliteDbTest, TheLogStaysBoundedWhileReadersNeverStop) {
  testing::TempDir dir;
  std::string path = dir.File("wal.db");
  auto db = SqliteDb::Open(path, 4);
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE((*db)->ExecuteScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)").ok());
  // Two readers overlapping all the time: some snapshot of the log is always in use.
  std::atomic<bool> stop = false;
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      while (!stop) (void)(*db)->Query("SELECT COUNT(*), MAX(LENGTH(v)) FROM t");
    });
  }
  // About 64 MB written, in transactions of 64 rows of 4 KB.
  std::string row(4000, 'x');
  uintmax_t largest = 0;
  for (int batch = 0; batch < 250; ++batch) {
    ASSERT_TRUE((*db)
                    ->InTransaction([&](Executor& tx) -> core::Result<void> {
                      for (int i = 0; i < 64; ++i)
                        DL_TRY(tx.Execute("INSERT INTO t (v) VALUES (?)", {row}));
                      return {};
                    })
                    .ok());
    std::error_code ec;
    largest = std::max(largest, std::filesystem::file_size(path + "-wal", ec));
    if (batch % 10 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_LT(largest, uintmax_t{40} << 20) << "the log grew to " << (largest >> 20) << " MB";
}

}  // namespace
}  // namespace dateline::store
