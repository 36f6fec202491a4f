#pragma once
// One sqlite3 handle with its prepared-statement cache. Not thread-safe: the pool in
// SqliteDb hands it to one caller at a time.

#include <string>
#include <unordered_map>

#include "store/db.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace dateline::store {

class SqliteConnection final : public Executor {
 public:
  static core::Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path);
  ~SqliteConnection() override;

  core::Result<Rows> Query(std::string_view sql, const Params& params = {}) override;
  core::Result<Rows> Write(std::string_view sql, const Params& params = {}) override;
  core::Result<int64_t> Execute(std::string_view sql, const Params& params = {}) override;
  core::Result<void> ExecuteScript(std::string_view sql) override;
  Dialect dialect() const override { return Dialect::kSqlite; }
  // Whether a transaction is open on this handle. SQLite ends one by itself on some
  // errors (a full disk, an I/O error), which a group commit must notice.
  bool TransactionOpen() const;
  // Copies what it can of the write-ahead log into the database without waiting for
  // readers or writers (SQLITE_CHECKPOINT_PASSIVE); returns the log's length in frames.
  int CheckpointPassive();
  // Copies all of it, waits (up to `wait_ms`) for readers of the old log to finish, and
  // empties the log file (SQLITE_CHECKPOINT_TRUNCATE). False if readers outlasted the wait.
  bool CheckpointTruncate(int wait_ms);

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  core::Result<sqlite3_stmt*> Prepare(std::string_view sql, const Params& params);
  core::Result<Rows> Run(std::string_view sql, const Params& params, bool writes);
  core::Error ErrorFromSqlite(int rc, std::string_view what) const;

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace dateline::store
