#include "store/content_generation.hpp"

namespace dateline::store {

core::Result<void> BumpContentGeneration(Executor& tx) {
  auto changed = tx.Execute("UPDATE content_generation SET value = value + 1 WHERE id = 1");
  if (!changed.ok()) return changed.error();
  return tx.Notify(kContentChannel, "");
}

core::Result<int64_t> ReadContentGeneration(Executor& db) {
  auto row = db.QueryOne("SELECT value FROM content_generation WHERE id = 1");
  if (!row.ok()) return row.error();
  return row->Int(0);
}

}  // namespace dateline::store
