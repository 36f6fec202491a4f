#pragma once
// One libpq connection with its prepared statements. Not thread-safe: PgDb's pool hands
// it to one caller at a time.

#include <string>
#include <unordered_map>

#include "store/db.hpp"

struct pg_conn;
struct pg_result;

namespace dateline::store {

class PgConnection final : public Executor {
 public:
  // Connects; the error names host, port and the server's message.
  static core::Result<std::unique_ptr<PgConnection>> Connect(const std::string& url);
  ~PgConnection() override;

  core::Result<Rows> Query(std::string_view sql, const Params& params = {}) override;
  core::Result<Rows> Write(std::string_view sql, const Params& params = {}) override {
    return Query(sql, params);
  }
  core::Result<int64_t> Execute(std::string_view sql, const Params& params = {}) override;
  core::Result<void> ExecuteScript(std::string_view sql) override;
  Dialect dialect() const override { return Dialect::kPostgres; }

  // False once the server has gone away; the pool then reconnects.
  bool Healthy() const;
  // Tries to re-establish a broken connection (prepared statements are forgotten).
  core::Result<void> Reset();

 private:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  core::Result<Rows> Run(std::string_view sql, const Params& params, int64_t* changed);
  core::Error ErrorFrom(pg_result* result, std::string_view what) const;

  pg_conn* conn_;
  std::unordered_map<std::string, std::string> statements_;  // SQL -> prepared name
};

// "host:port" for messages, from a URL or an open connection's settings.
std::string DescribePgTarget(pg_conn* conn);

}  // namespace dateline::store
