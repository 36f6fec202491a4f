#pragma once
// Keeps the query planner's statistics about the data current, so it picks the right index
// as tables grow. Without them SQLite guesses, and past a dozen threads on a comments page
// it reads every approved comment of the site through the index on status instead of the
// handful of rows on the thread index (576 ms against 21 at a million comments).
//
// SQLite: ANALYZE with an analysis limit (a sample of each index, so it takes milliseconds
// however large the tables are). PostgreSQL: ANALYZE, which samples too; autovacuum also
// does it as rows change, this covers a store just filled by an import or a copy.

#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::store {

// Rows each index is sampled on by SQLite's ANALYZE (its analysis_limit).
inline constexpr int kAnalysisLimit = 1000;

core::Result<void> RefreshStatistics(Db& db);

}  // namespace dateline::store
