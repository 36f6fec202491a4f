#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/schema.hpp"
#include "app/commands.hpp"
#include "app/services.hpp"
#include "articles/front_matter.hpp"
#include "core/time_format.hpp"
#include "store/migrations.hpp"

namespace dateline::app {

int MigrateCommand(const core::Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  auto db = store::Open(config.StoreUrl(), {config.store_pool_size});
  if (!db.ok()) {
    fmt::print(stderr, "error: {}\n", db.error().message);
    return 1;
  }
  core::SystemClock clock;
  auto report = store::Migrate(**db, Schema().migrations, clock);
  if (!report.ok()) {
    fmt::print(stderr, "error: {}\n", report.error().message);
    return 1;
  }
  for (const auto& m : report->applied) fmt::print("applied {}\n", m);
  if (report->applied.empty()) {
    fmt::print("schema is up to date at version {}\n", report->version);
  } else {
    fmt::print("schema is now at version {}\n", report->version);
  }
  return 0;
}

int ArticlePublishCommand(const core::Config& config, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "error: cannot read {}\n", file);
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  // Parse before touching the store: a malformed file changes nothing.
  auto draft = articles::ParseArticleFile(text.str());
  if (!draft.ok()) {
    fmt::print(stderr, "error: {}: {}\n", file, draft.error().message);
    return 1;
  }
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  auto services = OpenServices(config);
  if (!services.ok()) {
    fmt::print(stderr, "error: {}\n", services.error().message);
    return 1;
  }
  auto outcome = (*services)->articles->Publish(*draft);
  if (!outcome.ok()) {
    fmt::print(stderr, "error: {}: {}\n", file, outcome.error().message);
    return 1;
  }
  const auto& a = outcome->article;
  if (outcome->created) {
    fmt::print("published /articles/{} ({})\n", a.slug, core::FormatIso8601(a.published_at));
  } else {
    fmt::print("updated /articles/{} ({} earlier revision{} kept)\n", a.slug, outcome->revisions,
               outcome->revisions == 1 ? "" : "s");
  }
  return 0;
}

int ArticleListCommand(const core::Config& config) {
  auto services = OpenServices(config);
  if (!services.ok()) {
    fmt::print(stderr, "error: {}\n", services.error().message);
    return 1;
  }
  auto list = (*services)->articles->ListAll(1000);
  if (!list.ok()) {
    fmt::print(stderr, "error: {}\n", list.error().message);
    return 1;
  }
  int64_t now = (*services)->clock.NowSeconds();
  fmt::print("{:<20}  {:<11}  {:<9}  {}\n", "PUBLISHED", "ACCESS", "STATE", "SLUG / HEADLINE");
  for (const auto& a : *list) {
    fmt::print("{:<20}  {:<11}  {:<9}  {}\n", core::FormatIso8601(a.published_at),
               articles::AccessName(a.access), a.published_at > now ? "scheduled" : "live", a.slug);
    fmt::print("{:<20}  {:<11}  {:<9}  {}\n", "", "", "", a.headline);
  }
  fmt::print("{} article{}\n", list->size(), list->size() == 1 ? "" : "s");
  return 0;
}

}  // namespace dateline::app
