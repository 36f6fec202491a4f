#pragma once
// The shared store: PostgreSQL through libpq, for several Dateline nodes. A pool of up to
// `pool_size` connections, opened as needed; a broken connection is reset when next
// taken, so a database that goes away and returns is used again without a restart.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace dateline::store {

class PgConnection;

class PgDb final : public Db {
 public:
  // Connects once to check the URL; fails naming host, port and the server's message.
  static core::Result<std::unique_ptr<PgDb>> Open(const std::string& url, int pool_size);
  ~PgDb() override;

  core::Result<Rows> Query(std::string_view sql, const Params& params = {}) override;
  core::Result<Rows> Write(std::string_view sql, const Params& params = {}) override;
  core::Result<int64_t> Execute(std::string_view sql, const Params& params = {}) override;
  core::Result<void> ExecuteScript(std::string_view sql) override;
  Dialect dialect() const override { return Dialect::kPostgres; }
  core::Result<void> InTransaction(
      const std::function<core::Result<void>(Executor&)>& body) override;
  core::Result<void> InRelaxedTransaction(
      const std::function<core::Result<void>(Executor&)>& body) override;
  core::Result<void> InReadSnapshot(
      const std::function<core::Result<void>(Executor&)>& body) override;
  PoolUse Pool() override;
  std::string Describe() const override { return description_; }

 private:
  core::Result<void> RunTransaction(const std::function<core::Result<void>(Executor&)>& body,
                                    bool relaxed);
  PgDb(std::string url, int pool_size);

  class Lease;
  core::Result<Lease> Acquire();
  void Release(PgConnection* c);

  std::string url_;
  std::string description_;  // the URL without its password
  int pool_size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> all_;  // GUARDED_BY(mu_)
  std::vector<PgConnection*> free_;                 // GUARDED_BY(mu_)
  int opening_ = 0;  // connections being opened outside the lock; GUARDED_BY(mu_)
};

// "postgres://user@host:port/db" with any password removed, for logs.
std::string RedactStoreUrl(const std::string& url);

}  // namespace dateline::store
