#include "store/copy_store.hpp"

#include <fmt/format.h>

#include "store/content_generation.hpp"
#include "store/migrations.hpp"

namespace dateline::store {
namespace {

std::string Placeholders(std::string_view columns) {
  std::string out = "?";
  for (char c : columns) {
    if (c == ',') out += ", ?";
  }
  return out;
}

core::Result<int64_t> CountRows(Executor& db, const TableSpec& t) {
  auto row = db.QueryOne(fmt::format("SELECT COUNT(*) FROM {}", t.name));
  if (!row.ok()) return row.error();
  return row->Int(0);
}

}  // namespace

core::Result<CopyReport> CopyStore(Db& from, Db& to, const Schema& schema,
                                   const CopyOptions& options, const core::Clock& clock,
                                   const std::function<void(const CopyProgress&)>& progress) {
  // Both sides at this binary's schema, so the column lists fit.
  auto source_version = Migrate(from, schema.migrations, clock);
  if (!source_version.ok()) return source_version.error();
  auto target_version = Migrate(to, schema.migrations, clock);
  if (!target_version.ok()) return target_version.error();

  const auto& tables = schema.tables;
  if (!options.replace) {
    for (const auto& t : tables) {
      if (t.seeded) continue;
      auto n = CountRows(to, t);
      if (!n.ok()) return n.error();
      if (*n > 0) {
        return core::Error::AlreadyExists(fmt::format(
            "the target store is not empty ({} rows in {}); pass --force to replace its contents",
            *n, t.name));
      }
    }
  }

  CopyReport report;
  report.schema_version = target_version->version;
  auto copy = [&](Executor& source) {
    return to.InTransaction([&](Executor& tx) -> core::Result<void> {
      for (auto it = tables.rbegin(); it != tables.rend(); ++it) {
        if (options.replace || it->seeded) {
          DL_TRY(tx.Execute(fmt::format("DELETE FROM {}", it->name)));
        }
      }
      for (const auto& t : tables) {
        auto total = CountRows(source, t);
        if (!total.ok()) return total.error();
        std::string select = fmt::format("SELECT {} FROM {} ORDER BY {} LIMIT ? OFFSET ?",
                                         t.columns, t.name, t.order_by);
        std::string insert = fmt::format("INSERT INTO {} ({}) VALUES ({})", t.name, t.columns,
                                         Placeholders(t.columns));
        int64_t done = 0;
        if (progress) progress({t.name, 0, *total});
        for (;;) {
          auto rows = source.Query(select, {int64_t{options.batch_size}, done});
          if (!rows.ok()) return rows.error();
          if (rows->empty()) break;
          for (const auto& row : *rows) {
            Params params;
            params.reserve(row.size());
            for (size_t i = 0; i < row.size(); ++i) params.push_back(row.Raw(i));
            DL_TRY(tx.Execute(insert, params));
          }
          done += static_cast<int64_t>(rows->size());
          if (progress) progress({t.name, done, std::max(done, *total)});
        }
        // New rows on PostgreSQL must not collide with the ids just copied.
        if (t.identity_id && tx.dialect() == Dialect::kPostgres) {
          auto moved =
              tx.Query(fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), "
                                   "(SELECT COALESCE(MAX(id), 0) + 1 FROM {0}), false)",
                                   t.name));
          if (!moved.ok()) return moved.error();
        }
        report.rows.emplace_back(std::string(t.name), done);
      }
      // Nodes serving from the target drop what they cached from before.
      return BumpContentGeneration(tx);
    });
  };
  auto status = options.snapshot ? from.InReadSnapshot(copy) : copy(from);
  if (!status.ok()) return status.error();
  return report;
}

}  // namespace dateline::store
