// The store's own tables: the content generation, a counter every published change bumps
// (so every node knows its cached pages are stale), and the schedule of jobs that one node
// of several runs at a time (job_schedule.hpp). Each domain declares its own tables
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
          {27, "create_scheduled_jobs",  // store: when each node-wide job is next due
           R"sql(
CREATE TABLE scheduled_jobs (
  name TEXT PRIMARY KEY,
  next_run_at BIGINT NOT NULL,
  last_started_at BIGINT,
  last_node TEXT NOT NULL DEFAULT '',
  last_outcome TEXT NOT NULL DEFAULT ''
);
)sql"},
      },
      {
          {"content_generation", "id, value", "id", false, true},
          {"scheduled_jobs", "name, next_run_at, last_started_at, last_node, last_outcome", "name"},
      },
  };
  return kPart;
}

}  // namespace dateline::store
