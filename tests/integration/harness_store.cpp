#include <unistd.h>

#include <cstdlib>
#include <random>
#include <stdexcept>

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

core::Result<void> RunAdminSql(const std::string& sql) {
  auto admin = store::Open(AdminUrl(), {1});
  if (!admin.ok()) return admin.error();
  return (*admin)->ExecuteScript(sql);
}

}  // namespace dateline::testing
