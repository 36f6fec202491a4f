#pragma once
// The store interface every domain talks to (our leveldb Env). SQL is written once, in
// the portable subset both SQLite and PostgreSQL accept, with `?` placeholders; the
// PostgreSQL driver numbers them. Times are integer epoch seconds.
//
// Thread safety: a Db may be used from any thread. Queries outside InTransaction run on
// a connection of their own for the duration of the call.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace dateline::store {

using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;
using Params = std::vector<Value>;

// NULL when unset.
inline Value OrNull(const std::optional<int64_t>& v) { return v ? Value(*v) : Value(nullptr); }

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::nullptr_t>(values_.at(i)); }
  // Conversions are lenient across the two drivers' representations: integers may arrive
  // as text from PostgreSQL and are parsed; NULL becomes 0 or "".
  int64_t Int(size_t i) const;
  std::optional<int64_t> OptionalInt(size_t i) const;
  double Real(size_t i) const;
  std::string Text(size_t i) const;
  const Value& Raw(size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

enum class Dialect { kSqlite, kPostgres };

// What can run statements: a Db itself, or the connection inside a transaction. Callers
// say whether a statement writes by the entry they use (Query reads; Write and Execute
// change rows), so no driver guesses from the SQL's text; SQLite refuses a write sent to
// Query.
class Executor {
 public:
  virtual ~Executor() = default;
  virtual core::Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement that changes rows and returns some (INSERT ... RETURNING).
  virtual core::Result<Rows> Write(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement that returns no rows; yields the number of rows changed.
  virtual core::Result<int64_t> Execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements separated by ';' (migrations only; no parameters).
  virtual core::Result<void> ExecuteScript(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;

  // The first row, or NotFound.
  core::Result<Row> QueryOne(std::string_view sql, const Params& params = {});
  // The first row Write returns, or NotFound.
  core::Result<Row> WriteOne(std::string_view sql, const Params& params = {});
  // Execute for callers that do not need the count.
  core::Result<void> Run(std::string_view sql, const Params& params = {});
  // Execute, saying whether exactly one row changed (a claim, a guarded update).
  core::Result<bool> ChangeOne(std::string_view sql, const Params& params = {});

  // Tells every node listening on `channel` (see listener.hpp), with `payload`, when the
  // transaction commits: PostgreSQL's NOTIFY. Nothing on SQLite, where one process serves
  // and learns of its own changes directly.
  core::Result<void> Notify(std::string_view channel, std::string_view payload);

  // Makes the transactions that call it with the same (topic, id) take turns: each waits
  // here until the one before it ends (a PostgreSQL advisory lock, so no domain locks
  // another's rows). SQLite runs one writer at a time already; there it does nothing.
  core::Result<void> TakeTurns(std::string_view topic, int64_t id);

  // The clause ending a subquery that claims rows several nodes may claim at once: each
  // takes rows no other holds (PostgreSQL's FOR UPDATE SKIP LOCKED); empty on SQLite, where
  // the claiming statement runs alone.
  std::string_view SkipLockedClause() const;
};

class Db : public Executor {
 public:
  // Runs `body` in one transaction on one connection: committed if it returns ok, rolled
  // back otherwise (and on exceptions). Writers are serialized per store.
  virtual core::Result<void> InTransaction(
      const std::function<core::Result<void>(Executor&)>& body) = 0;
  // The same, for records that are cheap to lose only to a power cut: the commit survives
  // this process being killed (kill -9) but does not wait for the disk (SQLite's
  // synchronous=NORMAL in WAL mode; PostgreSQL's synchronous_commit off). A send loop
  // records each message sent this way, thousands a second, instead of one disk flush each.
  virtual core::Result<void> InRelaxedTransaction(
      const std::function<core::Result<void>(Executor&)>& body) = 0;
  // Runs `body` in one read-only transaction that sees the store as it was at its start,
  // whatever commits meanwhile, without holding writers back (a backup reads the whole
  // site this way while it serves): SQLite's deferred read transaction in WAL mode,
  // PostgreSQL's REPEATABLE READ READ ONLY.
  virtual core::Result<void> InReadSnapshot(
      const std::function<core::Result<void>(Executor&)>& body) = 0;
  // A short description for logs ("sqlite:///path", "postgres://host:port/db").
  virtual std::string Describe() const = 0;

  // The connection pool as it stands now (for /metrics): connections open, and of them
  // lent out to a caller at this instant; `size` is the most it will open.
  struct PoolUse {
    int open = 0;
    int in_use = 0;
    int size = 0;
  };
  virtual PoolUse Pool() = 0;
};

struct StoreOptions {
  int pool_size = 8;  // connections per process (PostgreSQL); SQLite keeps a few readers
};

// Opens a store from its URL: sqlite:///abs/path.db, sqlite://relative/path.db, or
// postgres://user[:password]@host[:port]/db (any libpq connection URI).
core::Result<std::unique_ptr<Db>> Open(const std::string& url, const StoreOptions& options = {});

bool IsPostgresUrl(std::string_view url);

// "?, ?, ?": the placeholders of an IN list of n values.
std::string Placeholders(size_t n);

}  // namespace dateline::store
