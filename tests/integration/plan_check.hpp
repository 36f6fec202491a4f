#pragma once
// Helpers for tests that read the planner's choices with EXPLAIN: a store that keeps
// every statement it is asked to read, so a test explains the very statements a domain's
// store runs, and the plan of one statement as text, in each store's words.

#include <string>
#include <utility>
#include <vector>

#include "store/db.hpp"

namespace dateline::testing {

// Passes everything on to the store and keeps what it was asked to read.
class RecordingDb : public store::Db {
 public:
  explicit RecordingDb(store::Db& inner) : inner_(inner) {}
  core::Result<store::Rows> Query(std::string_view sql, const store::Params& params) override {
    seen.emplace_back(std::string(sql), params);
    return inner_.Query(sql, params);
  }
  core::Result<store::Rows> Write(std::string_view sql, const store::Params& params) override {
    return inner_.Write(sql, params);
  }
  core::Result<int64_t> Execute(std::string_view sql, const store::Params& params) override {
    return inner_.Execute(sql, params);
  }
  core::Result<void> ExecuteScript(std::string_view sql) override {
    return inner_.ExecuteScript(sql);
  }
  store::Dialect dialect() const override { return inner_.dialect(); }
  core::Result<void> InTransaction(
      const std::function<core::Result<void>(store::Executor&)>& body) override {
    return inner_.InTransaction(body);
  }
  core::Result<void> InRelaxedTransaction(
      const std::function<core::Result<void>(store::Executor&)>& body) override {
    return inner_.InRelaxedTransaction(body);
  }
  core::Result<void> InReadSnapshot(
      const std::function<core::Result<void>(store::Executor&)>& body) override {
    return inner_.InReadSnapshot(body);
  }
  std::string Describe() const override { return inner_.Describe(); }
  PoolUse Pool() override { return inner_.Pool(); }

  std::vector<std::pair<std::string, store::Params>> seen;

 private:
  store::Db& inner_;
};

// A FROM item yielding n.i = 1..count, in each store's words, for seeding many rows.
inline std::string Series(store::Dialect dialect, int count) {
  return dialect == store::Dialect::kPostgres
             ? "generate_series(1, " + std::to_string(count) + ") AS n(i)"
             : "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " +
                   std::to_string(count) + ") SELECT i FROM s) AS n";
}

// The plan of one statement, a line per step: SQLite's EXPLAIN QUERY PLAN details
// ("SEARCH a USING INDEX ...") or PostgreSQL's EXPLAIN lines.
inline std::string PlanOf(store::Db& db, const std::pair<std::string, store::Params>& statement) {
  bool pg = db.dialect() == store::Dialect::kPostgres;
  auto rows =
      db.Query((pg ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + statement.first, statement.second);
  if (!rows.ok()) return "cannot explain: " + rows.error().message;
  std::string out;
  for (const auto& r : *rows) out += r.Text(pg ? 0 : 3) + "\n";
  return out;
}

}  // namespace dateline::testing
