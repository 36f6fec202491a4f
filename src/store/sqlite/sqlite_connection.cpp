#include "store/sqlite/sqlite_connection.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace dateline::store {

core::Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return core::Error::Unavailable(fmt::format("cannot open SQLite database {}: {}", path, msg));
  }
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  // Checkpoints run on SqliteDb's own thread, never inside a request's commit.
  // WAL lets readers run beside the writer. FULL sync: a commit is on disk (the WAL is
  // fsynced) before we answer, so a 303 after "post comment" or a processed payment event
  // survives a power cut, not only a crash of this process (NORMAL would not promise that).
  DL_TRY(conn->ExecuteScript(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
      "PRAGMA wal_autocheckpoint=0;"));
  return conn;
}

bool SqliteConnection::TransactionOpen() const { return sqlite3_get_autocommit(db_) == 0; }

int SqliteConnection::CheckpointPassive() {
  int log = 0, copied = 0;
  sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
  return log;
}

bool SqliteConnection::CheckpointTruncate(int wait_ms) {
  sqlite3_busy_timeout(db_, wait_ms);
  int log = 0, copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log, &copied);
  sqlite3_busy_timeout(db_, 5000);
  return rc == SQLITE_OK;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

core::Error SqliteConnection::ErrorFromSqlite(int rc, std::string_view what) const {
  std::string msg = fmt::format("sqlite: {}: {}", what, sqlite3_errmsg(db_));
  int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) {
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return core::Error::AlreadyExists(std::move(msg));
    }
    return core::Error::Conflict(std::move(msg));
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return core::Error::Unavailable(std::move(msg));
  }
  return core::Error::Internal(std::move(msg));
}

core::Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql, const Params& params) {
  sqlite3_stmt* stmt = nullptr;
  auto it = statements_.find(std::string(sql));
  if (it != statements_.end()) {
    stmt = it->second;
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  } else {
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return ErrorFromSqlite(rc, "prepare");
    statements_.emplace(std::string(sql), stmt);
  }
  if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
    return core::Error::Internal(fmt::format("statement wants {} parameters, got {}",
                                             sqlite3_bind_parameter_count(stmt), params.size()));
  }
  for (size_t i = 0; i < params.size(); ++i) {
    int idx = static_cast<int>(i + 1);
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            return sqlite3_bind_null(stmt, idx);
          } else if constexpr (std::is_same_v<T, int64_t>) {
            return sqlite3_bind_int64(stmt, idx, v);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(stmt, idx, v);
          } else {
            return sqlite3_bind_text(stmt, idx, v.data(), static_cast<int>(v.size()),
                                     SQLITE_TRANSIENT);
          }
        },
        params[i]);
    if (rc != SQLITE_OK) return ErrorFromSqlite(rc, "bind");
  }
  return stmt;
}

core::Result<Rows> SqliteConnection::Query(std::string_view sql, const Params& params) {
  return Run(sql, params, false);
}

core::Result<Rows> SqliteConnection::Write(std::string_view sql, const Params& params) {
  return Run(sql, params, true);
}

core::Result<Rows> SqliteConnection::Run(std::string_view sql, const Params& params, bool writes) {
  auto prepared = Prepare(sql, params);
  if (!prepared.ok()) return prepared.error();
  sqlite3_stmt* stmt = *prepared;
  // SQLite itself says whether the statement writes: a write sent as a read would bypass
  // the writers' queue, so it is a bug, refused before it runs.
  if (!writes && !sqlite3_stmt_readonly(stmt)) {
    sqlite3_reset(stmt);
    return core::Error::Internal("a statement that writes was sent to Query: " +
                                 std::string(sql.substr(0, 60)));
  }
  Rows rows;
  int columns = sqlite3_column_count(stmt);
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      auto err = ErrorFromSqlite(rc, "step");
      sqlite3_reset(stmt);
      return err;
    }
    std::vector<Value> values;
    values.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_NULL:
          values.emplace_back(nullptr);
          break;
        default: {
          auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          values.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
        }
      }
    }
    rows.emplace_back(std::move(values));
  }
  sqlite3_reset(stmt);
  return rows;
}

core::Result<int64_t> SqliteConnection::Execute(std::string_view sql, const Params& params) {
  auto rows = Run(sql, params, true);
  if (!rows.ok()) return rows.error();
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

core::Result<void> SqliteConnection::ExecuteScript(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return core::Error::Internal("sqlite: " + msg);
  }
  return {};
}

}  // namespace dateline::store
