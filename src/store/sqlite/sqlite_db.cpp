#include "store/sqlite/sqlite_db.hpp"

#include <filesystem>

#include "store/sqlite/sqlite_connection.hpp"
#include "store/transaction_body.hpp"

namespace dateline::store {

class SqliteDb::Lease {
 public:
  Lease(SqliteDb* owner, SqliteConnection* c) : owner_(owner), c_(c) {}
  ~Lease() { owner_->Release(c_); }
  Lease(const Lease&) = delete;
  SqliteConnection& operator*() { return *c_; }
  SqliteConnection* operator->() { return c_; }

 private:
  SqliteDb* owner_;
  SqliteConnection* c_;
};

core::Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path, int pool_size) {
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::unique_ptr<SqliteDb> db(new SqliteDb(path));
  for (int i = 0; i < pool_size; ++i) {
    auto conn = SqliteConnection::Open(path);
    if (!conn.ok()) return conn.error();
    db->free_.push_back(conn->get());
    db->all_.push_back(std::move(conn.value()));
  }
  auto checkpointer = SqliteConnection::Open(path);
  if (!checkpointer.ok()) return checkpointer.error();
  db->checkpointer_ = std::move(checkpointer.value());
  SqliteDb* self = db.get();
  db->checkpoint_thread_ = std::thread([self] {
    std::unique_lock lock(self->stop_mu_);
    while (!self->stopping_) {
      self->stop_cv_.wait_for(lock, std::chrono::milliseconds(200));
      int frames = self->checkpointer_->CheckpointPassive();
      // A passive checkpoint copies pages but never restarts the log while some reader
      // still holds an old snapshot; under steady reads that is always, and the log grows
      // without end. Past a bound, restart it: writers queue in our own writer lock (not
      // SQLite's sleeping busy handler) while the checkpoint waits briefly for readers.
      if (frames >= kTruncateAfterFrames) {
        // On a busy machine a reader may hold its snapshot past one wait; try again while
        // writers still queue, rather than let them grow the log for another interval.
        std::lock_guard writer(self->writer_mu_);
        for (int tries = 0; tries < 4 && !self->checkpointer_->CheckpointTruncate(250); ++tries) {
        }
      }
    }
  });
  return db;
}

SqliteDb::SqliteDb(std::string path)
    : path_(std::move(path)),
      group_commit_([this](const std::vector<GroupCommit::Member*>& group) { WriteGroup(group); },
                    kMaxGroup) {}

SqliteDb::~SqliteDb() {
  {
    std::lock_guard lock(stop_mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
}

SqliteDb::Lease SqliteDb::Acquire() {
  std::unique_lock lock(pool_mu_);
  pool_cv_.wait(lock, [this] { return !free_.empty(); });
  SqliteConnection* c = free_.back();
  free_.pop_back();
  return Lease(this, c);
}

void SqliteDb::Release(SqliteConnection* c) {
  {
    std::lock_guard lock(pool_mu_);
    free_.push_back(c);
  }
  pool_cv_.notify_one();
}

core::Result<Rows> SqliteDb::Query(std::string_view sql, const Params& params) {
  auto conn = Acquire();
  return conn->Query(sql, params);
}

// A statement outside a transaction is a transaction of its own: it joins the group commit
// like any other durable write.
core::Result<Rows> SqliteDb::Write(std::string_view sql, const Params& params) {
  core::Result<Rows> rows = Rows{};
  DL_TRY(group_commit_.Run([&](Executor& conn) -> core::Result<void> {
    rows = conn.Write(sql, params);
    if (!rows.ok()) return rows.error();
    return {};
  }));
  return rows;
}

core::Result<int64_t> SqliteDb::Execute(std::string_view sql, const Params& params) {
  core::Result<int64_t> changed = int64_t{0};
  DL_TRY(group_commit_.Run([&](Executor& conn) -> core::Result<void> {
    changed = conn.Execute(sql, params);
    if (!changed.ok()) return changed.error();
    return {};
  }));
  return changed;
}

// Scripts (migrations, pragmas) run alone. Writes queue in our own lock: two writers at
// once would make one wait in SQLite's busy handler, which sleeps in steps of up to 100 ms.
core::Result<void> SqliteDb::ExecuteScript(std::string_view sql) {
  std::lock_guard writer(writer_mu_);
  auto conn = Acquire();
  return conn->ExecuteScript(sql);
}

core::Result<void> SqliteDb::InTransaction(
    const std::function<core::Result<void>(Executor&)>& body) {
  return group_commit_.Run(body);
}

core::Result<void> SqliteDb::InRelaxedTransaction(
    const std::function<core::Result<void>(Executor&)>& body) {
  return RunRelaxed(body);
}

core::Result<void> SqliteDb::InReadSnapshot(
    const std::function<core::Result<void>(Executor&)>& body) {
  // No writer lock: a deferred transaction takes its snapshot at its first read, and in
  // WAL mode writers go on meanwhile.
  auto conn = Acquire();
  return RunTransactionBody(*conn, "BEGIN DEFERRED", body, /*commit=*/false);
}

core::Result<void> SqliteDb::RunRelaxed(const std::function<core::Result<void>(Executor&)>& body) {
  std::lock_guard writer(writer_mu_);
  auto conn = Acquire();
  // In WAL mode, NORMAL writes the commit to the log without syncing it: another process
  // (or this one after kill -9) sees it; only a power cut may lose it. Set per transaction
  // under the writer lock, and put back before the connection is shared again. Relaxed
  // writes do not join the group commit: they would wait for a sync they do not need.
  DL_TRY(conn->ExecuteScript("PRAGMA synchronous=NORMAL"));
  struct Restore {
    SqliteConnection* conn;
    ~Restore() { (void)conn->ExecuteScript("PRAGMA synchronous=FULL"); }
  } restore{&*conn};
  // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on a
  // lock upgrade.
  return RunTransactionBody(*conn, "BEGIN IMMEDIATE", body, /*commit=*/true);
}

void SqliteDb::WriteGroup(const std::vector<GroupCommit::Member*>& group) {
  std::lock_guard writer(writer_mu_);
  auto conn = Acquire();
  if (group.size() == 1) {  // alone: a plain transaction, no savepoint to pay for
    GroupCommit::Member& m = *group[0];
    try {
      m.result = RunTransactionBody(*conn, "BEGIN IMMEDIATE", *m.body, /*commit=*/true);
    } catch (...) {
      m.thrown = std::current_exception();
    }
    return;
  }
  size_t next = 0;
  while (next < group.size()) {
    auto begun = conn->ExecuteScript("BEGIN IMMEDIATE");
    if (!begun.ok()) {
      for (size_t i = next; i < group.size(); ++i) group[i]->result = begun.error();
      return;
    }
    std::vector<GroupCommit::Member*> kept;  // members whose changes this transaction holds
    bool ended = false;                      // SQLite rolled the transaction back itself
    while (next < group.size() && !ended) {
      GroupCommit::Member& m = *group[next++];
      auto saved = conn->ExecuteScript("SAVEPOINT member");
      if (!saved.ok()) {
        m.result = saved.error();
        ended = !conn->TransactionOpen();
        continue;
      }
      bool ok = false;
      try {
        m.result = (*m.body)(*conn);
        ok = m.result.ok();
      } catch (...) {
        m.thrown = std::current_exception();
      }
      if (!conn->TransactionOpen()) {
        // A full disk or an I/O error ends the whole transaction: this member's work and
        // that of those before it in the group are gone. The rest start afresh.
        ended = true;
        if (ok) m.result = core::Error::Unavailable("the store rolled the transaction back");
        continue;
      }
      if (ok) {
        auto released = conn->ExecuteScript("RELEASE member");
        if (released.ok()) {
          kept.push_back(&m);
          continue;
        }
        m.result = released.error();
      }
      (void)conn->ExecuteScript("ROLLBACK TO member; RELEASE member");
    }
    if (ended) {
      for (GroupCommit::Member* m : kept)
        m->result = core::Error::Unavailable("the store rolled the transaction back");
      continue;
    }
    auto committed = conn->ExecuteScript("COMMIT");
    if (!committed.ok()) {
      (void)conn->ExecuteScript("ROLLBACK");
      for (GroupCommit::Member* m : kept) m->result = committed.error();
    }
  }
}

Db::PoolUse SqliteDb::Pool() {
  std::lock_guard lock(pool_mu_);
  int open = static_cast<int>(all_.size());
  return {open, open - static_cast<int>(free_.size()), open};
}

}  // namespace dateline::store
