#pragma once
// Versioned schema changes, applied in order, each in its own transaction, recorded in
// schema_migrations. One list serves both dialects: the SQL is shared, and the token
// {id} expands to each dialect's auto-increment primary key. A migration that truly
// differs between dialects carries a postgres text of its own.

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
  std::string_view postgres_sql = {};  // empty: `sql` works for PostgreSQL too
};

// A table's rows as copy-store moves them. Listed beside the migrations that create it,
// in an order that satisfies foreign keys; a test checks every table is listed.
struct TableSpec {
  std::string_view name;
  std::string_view columns;   // comma-separated, as in SELECT and INSERT
  std::string_view order_by;  // a unique key, for stable batches
  bool identity_id = false;   // has an auto-increment id whose sequence needs moving on
  bool seeded = false;        // migrations insert its rows; always replaced when copying
};

// What one domain declares of the schema (<domain>/schema.cpp): its migrations and its
// tables.
struct SchemaPart {
  std::vector<Migration> migrations;
  std::vector<TableSpec> tables;
};

// The whole schema: every migration in version order, every table in foreign-key order.
struct Schema {
  std::vector<Migration> migrations;
  std::vector<TableSpec> tables;
};

// Joins the domains' parts, given in foreign-key order. Parts of one version (a migration
// released before its tables were declared by domain) run as one migration, their SQL in
// the order of the parts; `storage` keeps that joined text alive as long as the Schema.
Schema JoinSchema(const std::vector<const SchemaPart*>& parts, std::vector<std::string>& storage);

// The store's own part: the content generation.
const SchemaPart& StoreSchema();

// The SQL of a migration for a dialect, with tokens expanded.
std::string MigrationSql(const Migration& m, Dialect dialect);

struct MigrationReport {
  std::vector<std::string> applied;  // "3 add_comments", in the order applied
  int version = 0;                   // the schema version afterwards
};

// Applies what is pending. Fails if the store is newer than this binary knows.
core::Result<MigrationReport> Migrate(Db& db, const std::vector<Migration>& migrations,
                                      const core::Clock& clock);

// The highest applied version (0 for an empty store).
core::Result<int> SchemaVersion(Db& db);
// When the newest migration was applied (epoch seconds; 0 for an empty store): a clock
// that reads earlier than this has gone backwards.
core::Result<int64_t> LastMigratedAt(Db& db);

}  // namespace dateline::store
