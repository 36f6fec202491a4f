#include "store/statistics.hpp"

#include <string>

namespace dateline::store {

core::Result<void> RefreshStatistics(Db& db) {
  if (db.dialect() == Dialect::kPostgres) return db.Run("ANALYZE");
  // On the writer, in a transaction of its own: ANALYZE writes sqlite_stat1, and the
  // other connections load the new figures when they next prepare a statement.
  return db.InTransaction([](Executor& tx) {
    return tx.ExecuteScript("PRAGMA analysis_limit=" + std::to_string(kAnalysisLimit) +
                            "; ANALYZE");
  });
}

}  // namespace dateline::store
