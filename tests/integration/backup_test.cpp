// dateline backup and restore, on both stores: a backup made while the site serves and
// is written to holds every write acknowledged before it began, as one consistent
// snapshot; restored into an empty store (with the server secret) it serves the same
// site; a store that is not empty, or a folder that is no backup, is refused untouched.

#include "app/backup.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "harness.hpp"
#include "store/job_schedule.hpp"

namespace dateline::testing {
namespace {

// The backup folder `dateline backup` printed ("backup DIR: ...").
std::string FolderIn(const std::string& output) {
  size_t at = output.rfind("backup ");
  if (at == std::string::npos) return "";
  at += 7;
  return output.substr(at, output.find(':', at) - at);
}

TEST(BackupTest, ABackupUnderWriteLoadHoldsEveryAcknowledgedWriteAndRestores) {
  TestSite site;
  RunOk(site, {"newsletter", "add", "Daily"});
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  // A writer: one reader joins per command, each acknowledged by its exit status.
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      std::string file = site.File("one-" + std::to_string(i) + ".csv");
      std::ofstream(file) << "writer" << i << "@example.org,,2025-01-01\n";
      if (RunDateline(site.With({"newsletter", "import", "daily", file})).exit_code == 0) {
        acknowledged = i + 1;
      }
    }
  });
  ASSERT_TRUE(WaitFor([&] { return acknowledged >= 5; }, std::chrono::seconds(30)));
  int before = acknowledged;
  TempDir backups;
  auto made = RunDateline(site.With({"backup", backups.path()}));
  ASSERT_TRUE(WaitFor([&] { return acknowledged >= before + 3; }, std::chrono::seconds(30)));
  stop = true;
  writer.join();
  ASSERT_EQ(made.exit_code, 0) << made.output;
  std::string folder = FolderIn(made.output);
  ASSERT_TRUE(std::filesystem::exists(folder + "/dateline.db")) << made.output;
  ASSERT_TRUE(std::filesystem::exists(folder + "/secret.key"));
  EXPECT_EQ(std::filesystem::status(folder + "/secret.key").permissions() &
                std::filesystem::perms::group_read,
            std::filesystem::perms::none);
  std::ifstream manifest(folder + "/MANIFEST.txt");
  std::string text((std::istreambuf_iterator<char>(manifest)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("schema version: " + std::to_string(CurrentSchemaVersion())),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("newsletter_members"), std::string::npos) << text;

  // Restored into an empty store: every write acknowledged before the backup began.
  TestSite restored;
  auto put_back = RunDateline(restored.With({"restore", folder}));
  ASSERT_EQ(put_back.exit_code, 0) << put_back.output;
  int64_t members = restored.QueryInt("SELECT COUNT(*) FROM newsletter_members");
  EXPECT_GE(members, before);
  EXPECT_LE(members, acknowledged + 1);  // nothing but what the writer wrote
  for (int i = 0; i < before; ++i) {
    EXPECT_EQ(restored.QueryInt("SELECT COUNT(*) FROM newsletter_members WHERE email = 'writer" +
                                std::to_string(i) + "@example.org'"),
              1)
        << i;
  }
  // One snapshot: no member without its newsletter, and the site serves as before.
  EXPECT_EQ(restored.QueryInt("SELECT COUNT(*) FROM newsletter_members m WHERE NOT EXISTS "
                              "(SELECT 1 FROM newsletters n WHERE n.id = m.newsletter_id)"),
            0);
  auto again = ServerProcess::Start(restored);
  ASSERT_NE(again, nullptr);
  auto story = Fetch(again->port(), "GET", "/articles/kerry-lavrov-syria-truce");
  ASSERT_TRUE(story);
  EXPECT_EQ(story->status, 200);
  // The secret came along: the same key signs the same links.
  std::ifstream a(site.File("secret.key")), b(restored.File("secret.key"));
  std::string ka((std::istreambuf_iterator<char>(a)), std::istreambuf_iterator<char>());
  std::string kb((std::istreambuf_iterator<char>(b)), std::istreambuf_iterator<char>());
  EXPECT_FALSE(ka.empty());
  EXPECT_EQ(ka, kb);

  // Refused, and nothing changed: a store that is not empty, a folder that is no backup.
  auto twice = RunDateline(restored.With({"restore", folder}));
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.output.find("not empty"), std::string::npos) << twice.output;
  EXPECT_EQ(restored.QueryInt("SELECT COUNT(*) FROM newsletter_members"), members);
  auto nothing = RunDateline(restored.With({"restore", backups.path()}));
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_NE(nothing.output.find("not a Dateline backup"), std::string::npos);
}

// The backups under `dir`, oldest first.
std::vector<std::string> BackupsIn(const std::string& dir) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    found.push_back(entry.path().filename().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

TEST(BackupTest, ScheduledBackupsTakeOneTurnAcrossNodesAndKeepTheNewest) {
  TestSite site;
  RunOk(site, {"migrate"});
  TempDir backups;
  // A file the pruning must leave alone, whatever its age.
  std::ofstream(backups.File("README.txt")) << "backups of the site\n";
  core::Config config;
  config.data_dir = site.dir();
  config.store = site.store_url();
  config.backup = {backups.path(), 6, 2};
  constexpr int64_t kStart = 1'800'000'000;  // 2027-01-15T08:00:00Z
  core::FakeClock clock(kStart);
  auto node_a = store::Open(site.store_url(), {2});
  auto node_b = store::Open(site.store_url(), {2});
  ASSERT_TRUE(node_a.ok() && node_b.ok());

  // Two nodes at the same instant: exactly one makes the first backup.
  std::optional<app::BackupMade> made_a, made_b;
  std::thread a([&] {
    auto r = app::RunScheduledBackup(config, **node_a, clock, "node-a");
    ASSERT_TRUE(r.ok()) << r.error().message;
    made_a = *r;
  });
  std::thread b([&] {
    auto r = app::RunScheduledBackup(config, **node_b, clock, "node-b");
    ASSERT_TRUE(r.ok()) << r.error().message;
    made_b = *r;
  });
  a.join();
  b.join();
  ASSERT_NE(made_a.has_value(), made_b.has_value());
  EXPECT_EQ(BackupsIn(backups.path()),
            (std::vector<std::string>{"README.txt", "dateline-20270115-080000"}));
  auto job = store::FindScheduledJob(**node_a, app::kBackupJob);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->last_node, made_a ? "node-a" : "node-b");
  EXPECT_EQ(job->next_run_at, kStart + 6 * 3600);
  EXPECT_EQ(job->last_outcome.rfind("ok: ", 0), 0u) << job->last_outcome;

  // Not due again before its time, on either node, nor after a restart (a new handle).
  clock.Advance(6 * 3600 - 1);
  EXPECT_FALSE(app::RunScheduledBackup(config, **node_a, clock, "node-a")->has_value());
  auto restarted = store::Open(site.store_url(), {1});
  EXPECT_FALSE(app::RunScheduledBackup(config, **restarted, clock, "node-a")->has_value());
  clock.Advance(1);
  EXPECT_TRUE(app::RunScheduledBackup(config, **node_b, clock, "node-b")->has_value());
  // A third turn: only the newest two are kept.
  clock.Advance(6 * 3600);
  EXPECT_TRUE(app::RunScheduledBackup(config, **node_a, clock, "node-a")->has_value());
  EXPECT_EQ(BackupsIn(backups.path()),
            (std::vector<std::string>{"README.txt", "dateline-20270115-140000",
                                      "dateline-20270115-200000"}));
  job = store::FindScheduledJob(**node_a, app::kBackupJob);
  EXPECT_NE(job->last_outcome.find("1 old backup(s) removed"), std::string::npos)
      << job->last_outcome;
  // The backups are whole: each restores.
  TestSite restored;
  auto put_back = RunDateline(restored.With({"restore", backups.File("dateline-20270115-200000")}));
  EXPECT_EQ(put_back.exit_code, 0) << put_back.output;

  // A turn that fails says so in the schedule (for `dateline doctor`), and leaves nothing.
  config.backup.dir = backups.File("README.txt/inside-a-file");
  clock.Advance(6 * 3600);
  auto failed = app::RunScheduledBackup(config, **node_a, clock, "node-a");
  EXPECT_FALSE(failed.ok());
  job = store::FindScheduledJob(**node_a, app::kBackupJob);
  EXPECT_EQ(job->last_outcome.rfind("failed: ", 0), 0u) << job->last_outcome;
  // ...and is tried again within the hour, not a whole turn later; two backups made in
  // one second both keep.
  EXPECT_EQ(job->next_run_at, clock.NowSeconds() + 3600);
  config.backup.dir = backups.path();
  config.backup.keep = 10;
  clock.Advance(3600);
  ASSERT_TRUE(app::RunScheduledBackup(config, **node_a, clock, "node-a")->has_value());
  auto same_second = app::MakeBackup(config, **node_a, backups.path(), clock, nullptr);
  ASSERT_TRUE(same_second.ok()) << same_second.error().message;
  EXPECT_EQ(same_second->folder.filename().string(), "dateline-20270116-030000-1");
}

}  // namespace
}  // namespace dateline::testing
