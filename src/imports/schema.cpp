#include "imports/schema.hpp"

namespace dateline::imports {

const store::SchemaPart& Schema() {
  static const store::SchemaPart kPart = {
      {
          {29, "create_imports",  // imports: source ids brought in, old addresses
           R"sql(
CREATE TABLE imported_items (
  source TEXT NOT NULL,
  kind TEXT NOT NULL,
  source_id TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  imported_at BIGINT NOT NULL,
  PRIMARY KEY (source, kind, source_id)
);
CREATE TABLE redirects (
  address TEXT PRIMARY KEY,
  target TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
)sql"},
      },
      {
          {"imported_items", "source, kind, source_id, target_id, imported_at",
           "source, kind, source_id"},
          {"redirects", "address, target, created_at", "address"},
      },
  };
  return kPart;
}

}  // namespace dateline::imports
