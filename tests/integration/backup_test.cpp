// dateline backup and restore, on both stores: a backup made while the site serves and
// is written to holds every write acknowledged before it began, as one consistent
// snapshot; restored into an empty store (with the server secret) it serves the same
// site; a store that is not empty, or a folder that is no backup, is refused untouched.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "harness.hpp"

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
  EXPECT_NE(text.find("schema version: 26"), std::string::npos) << text;
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

}  // namespace
}  // namespace dateline::testing
