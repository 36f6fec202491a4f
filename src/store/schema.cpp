// The store's own table: the content generation, a counter every published change bumps
// (so every node knows its cached pages are stale). Each domain declares its own tables
// beside its store (<domain>/schema.cpp); app/schema.cpp joins them into one history.

#include "store/migrations.hpp"

namespace dateline::store {

const SchemaPart& StoreSchema() {
  static const SchemaPart kPart = {
      {
          {4, "create_content_generation",  // store: a counter bumped by every published change
           R"sql(
CREATE TABLE content_generation (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  value BIGINT NOT NULL
);
INSERT INTO content_generation (id, value) VALUES (1, 0);
)sql"},
      },
      {
          {"content_generation", "id, value", "id", false, true},
      },
  };
  return kPart;
}

}  // namespace dateline::store
