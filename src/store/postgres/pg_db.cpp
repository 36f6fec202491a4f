#include "store/postgres/pg_db.hpp"

#include <spdlog/spdlog.h>

#include "store/postgres/pg_connection.hpp"
#include "store/transaction_body.hpp"

namespace dateline::store {

class PgDb::Lease {
 public:
  Lease(PgDb* owner, PgConnection* c) : owner_(owner), c_(c) {}
  Lease(Lease&& other) noexcept : owner_(other.owner_), c_(other.c_) { other.c_ = nullptr; }
  ~Lease() {
    if (c_) owner_->Release(c_);
  }
  Lease(const Lease&) = delete;
  PgConnection& operator*() { return *c_; }
  PgConnection* operator->() { return c_; }

 private:
  PgDb* owner_;
  PgConnection* c_;
};

std::string RedactStoreUrl(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

PgDb::PgDb(std::string url, int pool_size)
    : url_(std::move(url)), description_(RedactStoreUrl(url_)), pool_size_(pool_size) {}

PgDb::~PgDb() = default;

core::Result<std::unique_ptr<PgDb>> PgDb::Open(const std::string& url, int pool_size) {
  std::unique_ptr<PgDb> db(new PgDb(url, std::max(1, pool_size)));
  auto first = PgConnection::Connect(url);
  if (!first.ok()) return first.error();
  db->free_.push_back(first->get());
  db->all_.push_back(std::move(first.value()));
  return db;
}

core::Result<PgDb::Lease> PgDb::Acquire() {
  PgConnection* c = nullptr;
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] {
      return !free_.empty() || static_cast<int>(all_.size()) + opening_ < pool_size_;
    });
    if (!free_.empty()) {
      c = free_.back();
      free_.pop_back();
    } else {
      ++opening_;  // hold the place; connect outside the lock
    }
  }
  if (!c) {
    auto fresh = PgConnection::Connect(url_);
    std::lock_guard lock(mu_);
    --opening_;
    if (!fresh.ok()) {
      cv_.notify_one();
      return fresh.error();
    }
    c = fresh->get();
    all_.push_back(std::move(fresh.value()));
  }
  Lease lease(this, c);
  if (!c->Healthy()) {
    auto reset = c->Reset();
    if (!reset.ok()) return reset.error();
    spdlog::info("reconnected to PostgreSQL");
  }
  return lease;
}

void PgDb::Release(PgConnection* c) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(c);
  }
  cv_.notify_one();
}

core::Result<Rows> PgDb::Query(std::string_view sql, const Params& params) {
  // A read on a connection that died while idle is tried once more on a fresh one: the
  // statement never ran, and the reader should not see a 503 for a blip.
  for (int attempt = 0;; ++attempt) {
    auto lease = Acquire();
    if (!lease.ok()) return lease.error();
    auto rows = (*lease.value()).Query(sql, params);
    if (rows.ok() || attempt > 0 || rows.error().code != core::ErrorCode::kUnavailable ||
        (*lease.value()).Healthy()) {
      return rows;
    }
  }
}

// A write is never tried twice: it may have run before the connection failed.
core::Result<Rows> PgDb::Write(std::string_view sql, const Params& params) {
  auto lease = Acquire();
  if (!lease.ok()) return lease.error();
  return (*lease.value()).Write(sql, params);
}

core::Result<int64_t> PgDb::Execute(std::string_view sql, const Params& params) {
  auto lease = Acquire();
  if (!lease.ok()) return lease.error();
  return (*lease.value()).Execute(sql, params);
}

core::Result<void> PgDb::ExecuteScript(std::string_view sql) {
  auto lease = Acquire();
  if (!lease.ok()) return lease.error();
  return (*lease.value()).ExecuteScript(sql);
}

core::Result<void> PgDb::InTransaction(const std::function<core::Result<void>(Executor&)>& body) {
  return RunTransaction(body, false);
}

core::Result<void> PgDb::InRelaxedTransaction(
    const std::function<core::Result<void>(Executor&)>& body) {
  return RunTransaction(body, true);
}

core::Result<void> PgDb::InReadSnapshot(const std::function<core::Result<void>(Executor&)>& body) {
  auto lease = Acquire();
  if (!lease.ok()) return lease.error();
  return RunTransactionBody(*lease.value(), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body,
                            /*commit=*/false);
}

core::Result<void> PgDb::RunTransaction(const std::function<core::Result<void>(Executor&)>& body,
                                        bool relaxed) {
  auto lease = Acquire();
  if (!lease.ok()) return lease.error();
  // The server keeps the commit once it answers; without waiting for its disk only a crash
  // of the database server itself within a fraction of a second could lose it.
  return RunTransactionBody(*lease.value(),
                            relaxed ? "BEGIN; SET LOCAL synchronous_commit TO OFF" : "BEGIN", body,
                            /*commit=*/true);
}

Db::PoolUse PgDb::Pool() {
  std::lock_guard lock(mu_);
  int open = static_cast<int>(all_.size());
  return {open, open - static_cast<int>(free_.size()), pool_size_};
}

}  // namespace dateline::store
