#pragma once
// What `serve` gives operators beyond the site: whether this node is ready for traffic
// (/readyz), the gauges /metrics reads at each scrape, and the scheduled backup's loop.

#include <memory>
#include <string>

#include "app/services.hpp"
#include "comments/live_comments.hpp"
#include "core/result.hpp"
#include "jobs/periodic.hpp"
#include "render/page_cache.hpp"
#include "store/db.hpp"

namespace dateline::app {

// Ok when the store answers and holds exactly the schema this binary was built for; else
// why not, in words for whoever reads /readyz.
core::Result<void> StoreReady(store::Db& db);

// Registers the gauges of this server (outbox depth, store pool, page cache, streams,
// memory) in the global registry; they are removed when the returned guard goes, before
// the objects they read.
class ServerGauges {
 public:
  ServerGauges(Services& services, const render::PageCache& cache,
               const comments::LiveComments& live);
  ~ServerGauges();
  ServerGauges(const ServerGauges&) = delete;
  ServerGauges& operator=(const ServerGauges&) = delete;
};

// Checks every few minutes whether a scheduled backup is due ([backup]); null when none is
// configured. `node` names this node in the schedule (which one made each backup).
std::unique_ptr<jobs::Periodic> StartScheduledBackups(const core::Config& config, store::Db& db,
                                                      const core::Clock& clock,
                                                      const std::string& node);

}  // namespace dateline::app
