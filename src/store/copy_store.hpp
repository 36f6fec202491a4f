#pragma once
// Moves a whole site from one store to another (SQLite to PostgreSQL when a newsroom
// outgrows one machine, or back). The target is migrated to the same schema first and
// filled in one transaction: a failed copy leaves it as it was.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/db.hpp"
#include "store/migrations.hpp"

namespace dateline::store {

struct CopyProgress {
  std::string_view table;
  int64_t done = 0;
  int64_t total = 0;
};

struct CopyReport {
  int schema_version = 0;
  std::vector<std::pair<std::string, int64_t>> rows;  // per table, in copy order
};

struct CopyOptions {
  bool replace = false;  // empty a non-empty target first; otherwise refuse it
  int batch_size = 500;
  // Read the source in one snapshot (Db::InReadSnapshot): a consistent copy of a store
  // that is serving and being written meanwhile (a backup).
  bool snapshot = false;
};

core::Result<CopyReport> CopyStore(Db& from, Db& to, const Schema& schema,
                                   const CopyOptions& options, const core::Clock& clock,
                                   const std::function<void(const CopyProgress&)>& progress);

}  // namespace dateline::store
