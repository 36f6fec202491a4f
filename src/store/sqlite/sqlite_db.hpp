#pragma once
// The embedded store: one SQLite file in WAL mode with foreign keys and a busy timeout.
// A small pool of connections serves readers in parallel; writes (Execute and
// transactions) are serialized by a mutex, as SQLite allows one writer at a time anyway.
// Durable writes (synchronous=FULL) go through a group commit: those that arrive while
// one commit waits for the disk share the next transaction and its one sync.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/db.hpp"
#include "store/sqlite/group_commit.hpp"

struct sqlite3;

namespace dateline::store {

class SqliteConnection;

// A mutex that lets waiters in in the order they came. std::mutex makes no such promise,
// and under a stream of writes one unlucky writer could wait for seconds.
class FifoMutex {
 public:
  void lock() {
    std::unique_lock l(mu_);
    uint64_t ticket = next_++;
    cv_.wait(l, [&] { return serving_ == ticket; });
  }
  void unlock() {
    {
      std::lock_guard l(mu_);
      ++serving_;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_ = 0;     // GUARDED_BY(mu_)
  uint64_t serving_ = 0;  // GUARDED_BY(mu_)
};

class SqliteDb final : public Db {
 public:
  static core::Result<std::unique_ptr<SqliteDb>> Open(const std::string& path, int pool_size = 4);
  ~SqliteDb() override;

  core::Result<Rows> Query(std::string_view sql, const Params& params = {}) override;
  core::Result<Rows> Write(std::string_view sql, const Params& params = {}) override;
  core::Result<int64_t> Execute(std::string_view sql, const Params& params = {}) override;
  core::Result<void> ExecuteScript(std::string_view sql) override;
  Dialect dialect() const override { return Dialect::kSqlite; }
  core::Result<void> InTransaction(
      const std::function<core::Result<void>(Executor&)>& body) override;
  core::Result<void> InRelaxedTransaction(
      const std::function<core::Result<void>(Executor&)>& body) override;
  core::Result<void> InReadSnapshot(
      const std::function<core::Result<void>(Executor&)>& body) override;
  PoolUse Pool() override;
  std::string Describe() const override { return "sqlite://" + path_; }
  GroupCommit::Counts GroupCommits() { return group_commit_.counts(); }

 private:
  explicit SqliteDb(std::string path);
  core::Result<void> RunRelaxed(const std::function<core::Result<void>(Executor&)>& body);
  // Writes one group in as few transactions as it can: each member in a savepoint of its
  // own, so one that fails is undone alone.
  void WriteGroup(const std::vector<GroupCommit::Member*>& group);

  // Borrows a connection for the lifetime of the lease.
  class Lease;
  Lease Acquire();
  void Release(SqliteConnection* c);

  // Log frames (pages) past which the checkpointer empties the log: ~16 MB at 4 KiB pages.
  static constexpr int kTruncateAfterFrames = 4000;

  std::string path_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> all_;
  std::vector<SqliteConnection*> free_;  // GUARDED_BY(pool_mu_)
  FifoMutex writer_mu_;                  // held for every write, granted in order
  // The most writers one transaction carries: enough to cover every request thread many
  // times over, few enough that one member's wait stays short.
  static constexpr size_t kMaxGroup = 64;
  GroupCommit group_commit_;
  // Checkpoints the write-ahead log in the background, so no commit waits for one.
  std::unique_ptr<SqliteConnection> checkpointer_;
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;  // GUARDED_BY(stop_mu_)
  std::thread checkpoint_thread_;
};

}  // namespace dateline::store
