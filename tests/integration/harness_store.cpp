#include <unistd.h>

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <thread>

#include "harness.hpp"
#include "store/db.hpp"

namespace dateline::testing {
namespace {

std::string AdminUrl() { return PostgresBaseUrl() + "/postgres"; }

}  // namespace

StoreKind TestStoreKind() {
  const char* kind = std::getenv("DATELINE_TEST_STORE");
  return kind && std::string_view(kind) == "postgres" ? StoreKind::kPostgres : StoreKind::kSqlite;
}

std::string PostgresBaseUrl() {
  const char* url = std::getenv("DATELINE_TEST_PG");
  if (!url || !*url) {
    throw std::runtime_error(
        "DATELINE_TEST_PG is not set: run the tests with scripts/run-tests (make test), which "
        "starts a private PostgreSQL cluster");
  }
  return url;
}

TestSite::TestSite(StoreKind kind) : kind_(kind) {
  if (kind_ == StoreKind::kSqlite) {
    store_url_ = "sqlite://" + dir_.File("dateline.db");
    return;
  }
  // Unique across processes and runs (a crashed test leaves its database behind).
  std::random_device random;
  database_ = "dl_" + std::to_string(getpid()) + "_" + std::to_string(random()) + "_" +
              std::to_string(random());
  auto admin = store::Open(AdminUrl(), {1});
  if (!admin.ok()) throw std::runtime_error(admin.error().message);
  auto created = (*admin)->ExecuteScript("CREATE DATABASE " + database_);
  if (!created.ok()) throw std::runtime_error(created.error().message);
  store_url_ = PostgresBaseUrl() + "/" + database_;
}

TestSite::~TestSite() {
  if (database_.empty()) return;
  auto admin = store::Open(AdminUrl(), {1});
  if (admin.ok())
    (void)(*admin)->ExecuteScript("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
}

std::vector<std::string> TestSite::With(std::vector<std::string> command) const {
  command.insert(command.end(), {"--data-dir", dir_.path(), "--store", store_url_});
  return command;
}

core::Result<void> TestSite::RunSql(const std::string& sql) const {
  auto db = store::Open(store_url_, {1});
  if (!db.ok()) return db.error();
  return (*db)->ExecuteScript(sql);
}

int64_t TestSite::QueryInt(const std::string& sql) const {
  auto db = store::Open(store_url_, {1});
  if (!db.ok()) return -1;
  auto row = (*db)->QueryOne(sql);
  return row.ok() ? row->Int(0) : -1;
}

bool TestSite::WaitForOutboxDrained(std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (QueryInt("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL") == 0 &&
        QueryInt("SELECT COUNT(*) FROM reset_requests") == 0) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

core::Result<void> RunAdminSql(const std::string& sql) {
  auto admin = store::Open(AdminUrl(), {1});
  if (!admin.ok()) return admin.error();
  return (*admin)->ExecuteScript(sql);
}

}  // namespace dateline::testing
