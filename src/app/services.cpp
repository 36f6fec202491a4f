#include "app/services.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>

#include "store/migrations.hpp"

namespace dateline::app {
namespace fs = std::filesystem;

core::Result<std::unique_ptr<Services>> OpenServices(const core::Config& config) {
  auto s = std::make_unique<Services>();
  auto db = store::Open(config.StoreUrl(), {config.store_pool_size});
  if (!db.ok()) return db.error();
  s->db = std::move(db.value());
  auto report = store::Migrate(*s->db, store::SchemaMigrations(), s->clock);
  if (!report.ok()) return report.error();
  for (const auto& m : report->applied) spdlog::info("applied migration {}", m);
  s->article_store = std::make_unique<articles::ArticleStore>(*s->db);
  s->articles = std::make_unique<articles::ArticleService>(*s->article_store, s->clock);
  s->site_pages = std::make_unique<pages::SitePageStore>(*s->db);
  s->users = std::make_unique<accounts::UserStore>(*s->db);
  return s;
}

std::string ResolveResourcesDir(const core::Config& config) {
  if (!config.resources_dir.empty()) return config.resources_dir;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // build/dateline -> the checkout it was built in; /usr/bin/dateline -> /usr/share/dateline
    for (fs::path candidate : {exe.parent_path().parent_path(),
                               exe.parent_path().parent_path() / "share" / "dateline"}) {
      if (fs::exists(candidate / "templates" / "layout.mustache", ec)) return candidate.string();
    }
  }
  return DATELINE_SOURCE_DIR;
}

}  // namespace dateline::app
