// dateline import wordpress|ghost|substack FILE [--media DIR] [--dry-run] [--batch N]: another
// system's site brought in (imports/importer.hpp), with a progress bar and a report of
// what was created, skipped and refused, and why.

#include <fmt/format.h>

#include <string>

#include "app/commands.hpp"
#include "app/first_start.hpp"
#include "app/progress_bar.hpp"
#include "app/services.hpp"
#include "imports/ghost_reader.hpp"
#include "imports/importer.hpp"
#include "imports/substack_reader.hpp"
#include "imports/wxr_reader.hpp"
#include "store/statistics.hpp"

namespace dateline::app {
namespace {

void PrintReport(const imports::ImportReport& report, bool dry_run) {
  fmt::print("{} {}\n",
             dry_run ? "Dry run (nothing was written) of the import from" : "Imported from",
             report.source);
  fmt::print("  {:<13} {:>9} {:>9} {:>9}\n", "", dry_run ? "would add" : "created", "skipped",
             "refused");
  for (const char* kind :
       {"stories", "comments", "authors", "sections", "tags", "redirects", "images", "members",
        "newsletters", "memberships", "accounts", "subscriptions"}) {
    auto it = report.counts.find(kind);
    // The readers' rows only when the export had readers.
    bool about_readers =
        std::string_view(kind) == "members" || std::string_view(kind) == "newsletters" ||
        std::string_view(kind) == "memberships" || std::string_view(kind) == "accounts" ||
        std::string_view(kind) == "subscriptions";
    if (about_readers && it == report.counts.end()) continue;
    imports::ImportCounts c = it == report.counts.end() ? imports::ImportCounts{} : it->second;
    fmt::print("  {:<13} {:>9} {:>9} {:>9}\n", kind, c.created, c.skipped, c.refused);
  }
  fmt::print("  (skipped: brought in by an earlier run; images refused: kept as links)\n");
  if (!report.notes.empty()) {
    fmt::print(
        "\nNotes ({}{}):\n", report.notes.size() + report.notes_left_out,
        report.notes_left_out ? fmt::format(", the first {} shown", report.notes.size()) : "");
    for (const auto& note : report.notes) fmt::print("  {}: {}\n", note.where, note.what);
  }
  if (!report.images_not_fetched.empty()) {
    fmt::print(
        "\nImages not brought in (linked where they were; give --media the old site's "
        "uploads folder to bring them in):\n");
    size_t shown = std::min<size_t>(report.images_not_fetched.size(), 50);
    for (size_t i = 0; i < shown; ++i) fmt::print("  {}\n", report.images_not_fetched[i]);
    if (report.images_not_fetched.size() > shown) {
      fmt::print("  ... and {} more\n", report.images_not_fetched.size() - shown);
    }
  }
}

}  // namespace

int ImportCommand(const core::Config& config, const ImportCommandArgs& args) {
  if (args.format == "dateline") return ImportDatelineExport(config, args.file);
  core::Result<std::unique_ptr<imports::SourceReader>> reader = core::Error::InvalidArgument(
      "unknown format '" + args.format + "': wordpress, ghost, substack or dateline");
  if (args.format == "wordpress") reader = imports::OpenWordPressExport(args.file);
  if (args.format == "ghost") reader = imports::OpenGhostExport(args.file);
  if (args.format == "substack") reader = imports::OpenSubstackExport(args.file);
  if (!reader.ok()) {
    fmt::print(stderr, "error: {}\n", reader.error().message);
    return 2;
  }
  auto services = OpenServices(config);
  if (!services.ok()) {
    fmt::print(stderr, "error: {}\n", services.error().message);
    return 1;
  }
  Services& s = **services;
  // Stripe subscriptions are linked to plans by price: the configured ones count.
  if (auto plans = SaveConfiguredPlans(s, config); !plans.ok()) {
    fmt::print(stderr, "error: {}\n", plans.error().message);
    return 2;
  }
  imports::Importer importer(*s.db, *s.users, s.media.get(), s.clock);
  imports::ImportOptions options;
  options.dry_run = args.dry_run;
  options.batch_size = args.batch;
  options.media_dir = args.media;
  options.free_paragraphs = config.paywall_free_paragraphs;
  ProgressBar bar(true);
  auto report = importer.Run(**reader, options, [&bar](int64_t done, int64_t total) {
    bar.Update({"reading the export", done, std::max(done, total)});
  });
  if (!report.ok()) {
    fmt::print(stderr, "error: {}\n", report.error().message);
    fmt::print(stderr,
               "What was read before that point is in (each batch whole); run the "
               "same command again after fixing it: nothing comes in twice.\n");
    return report.error().code == core::ErrorCode::kInvalidArgument ? 2 : 1;
  }
  PrintReport(*report, args.dry_run);
  // Thousands of rows just arrived: the planner should know before the first reader does.
  if (!args.dry_run) (void)store::RefreshStatistics(*s.db);
  return 0;
}

}  // namespace dateline::app
