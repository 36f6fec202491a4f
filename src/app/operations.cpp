#include "app/operations.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "app/backup.hpp"
#include "app/schema.hpp"
#include "metrics/registry.hpp"
#include "store/migrations.hpp"

namespace dateline::app {

namespace {

constexpr const char* kGauges[] = {"dateline_outbox_depth",
                                   "dateline_store_connections_open",
                                   "dateline_store_connections_in_use",
                                   "dateline_store_connections_max",
                                   "dateline_page_cache_entries",
                                   "dateline_live_comment_streams",
                                   "dateline_process_resident_memory_bytes",
                                   "dateline_process_start_time_seconds"};

double ResidentBytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  long pages = 0, resident = 0;
  int read = std::fscanf(f, "%ld %ld", &pages, &resident);
  std::fclose(f);
  return read == 2 ? static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) : 0;
}

}  // namespace

core::Result<void> StoreReady(store::Db& db) {
  auto version = store::SchemaVersion(db);
  if (!version.ok()) return core::Error::Unavailable("store unavailable");
  int expected = Schema().migrations.empty() ? 0 : Schema().migrations.back().version;
  if (*version < expected) {
    return core::Error::Unavailable(
        fmt::format("store schema is at version {}, this binary needs {}: run `dateline migrate`",
                    *version, expected));
  }
  if (*version > expected) {
    return core::Error::Unavailable(
        fmt::format("store schema is at version {}, newer than this binary knows ({}): upgrade "
                    "this node",
                    *version, expected));
  }
  return {};
}

ServerGauges::ServerGauges(Services& services, const render::PageCache& cache,
                           const comments::LiveComments& live) {
  metrics::Registry& r = metrics::Registry::Global();
  mail::Outbox* outbox = services.outbox.get();
  store::Db* db = services.db.get();
  r.SetGauge("dateline_outbox_depth", "Account and notification mail waiting to be sent.",
             [outbox] {
               auto pending = outbox->Pending();
               return pending.ok() ? static_cast<double>(*pending) : -1.0;
             });
  r.SetGauge("dateline_store_connections_open", "Store connections this node holds open.",
             [db] { return static_cast<double>(db->Pool().open); });
  r.SetGauge("dateline_store_connections_in_use", "Store connections lent out at this instant.",
             [db] { return static_cast<double>(db->Pool().in_use); });
  r.SetGauge("dateline_store_connections_max", "The most store connections this node opens.",
             [db] { return static_cast<double>(db->Pool().size); });
  r.SetGauge("dateline_page_cache_entries", "Pages held in this node's page cache.",
             [&cache] { return static_cast<double>(cache.size()); });
  r.SetGauge("dateline_live_comment_streams", "Readers watching comments arrive live.",
             [&live] { return static_cast<double>(live.watching()); });
  r.SetGauge("dateline_process_resident_memory_bytes", "Resident memory of this process.",
             ResidentBytes);
  double started = static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count());
  r.SetGauge("dateline_process_start_time_seconds", "When this process started (Unix time).",
             [started] { return started; });
}

ServerGauges::~ServerGauges() {
  for (const char* name : kGauges) metrics::Registry::Global().RemoveGauge(name);
}

std::unique_ptr<jobs::Periodic> StartScheduledBackups(const core::Config& config, store::Db& db,
                                                      const core::Clock& clock,
                                                      const std::string& node) {
  if (config.backup.dir.empty()) return nullptr;
  spdlog::info("backups every {} h into {}, the newest {} kept", config.backup.every_hours,
               config.backup.dir, config.backup.keep);
  auto loop =
      std::make_unique<jobs::Periodic>(std::chrono::minutes(1), [&config, &db, &clock, node] {
        auto made = RunScheduledBackup(config, db, clock, node);
        if (!made.ok()) spdlog::error("scheduled backup failed: {}", made.error().message);
        return false;
      });
  loop->Start();
  return loop;
}

}  // namespace dateline::app
