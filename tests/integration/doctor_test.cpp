// dateline doctor on both stores: a sound installation (real SMTP server, scheduled
// backups made) passes; each thing an operator gets wrong is named, in words, with what
// to do, and the exit status says so. The doctor changes nothing it looks at.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

// Serves once (which writes the secret and migrates), then stops.
void ServeOnce(const TestSite& site) {
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  server->Signal(SIGTERM);
  ASSERT_EQ(server->WaitForExit(std::chrono::seconds(15)), 0);
}

std::string SmtpUrl() {
  const char* url = std::getenv("DATELINE_TEST_SMTP_URL");
  return url ? url : "";
}

TEST(DoctorTest, ASoundInstallationPasses) {
  if (SmtpUrl().empty()) GTEST_SKIP() << "DATELINE_TEST_SMTP_URL is not set";
  TestSite site;
  ServeOnce(site);
  TempDir backups;
  std::ofstream(site.File("sound.toml"))
      << "admin_email = \"editor@news.example.org\"\n"
      << "[mail]\ntransport = \"smtp\"\nsmtp_url = \"" << SmtpUrl() << "\"\n"
      << "[backup]\ndir = \"" << backups.path() << "\"\nevery_hours = 24\n";
  ::chmod(site.dir().c_str(), 0750);
  ASSERT_EQ(RunDateline(site.With({"backup", backups.path()})).exit_code, 0);
  // The schedule's first turn is what the doctor reads: let a server make it.
  {
    auto server = ServerProcess::Start(site, {"--config", site.File("sound.toml")});
    ASSERT_NE(server, nullptr);
    ASSERT_TRUE(
        WaitFor([&] { return server->Output().find("scheduled backup ok") != std::string::npos; },
                std::chrono::seconds(20)))
        << server->Output();
    server->Signal(SIGTERM);
    ASSERT_EQ(server->WaitForExit(std::chrono::seconds(15)), 0);
  }
  auto doctor = RunDateline(site.With({"doctor", "--config", site.File("sound.toml")}));
  EXPECT_EQ(doctor.exit_code, 0) << doctor.output;
  EXPECT_NE(doctor.output.find("No problems found"), std::string::npos) << doctor.output;
  EXPECT_EQ(doctor.output.find("FAIL"), std::string::npos) << doctor.output;
  EXPECT_NE(doctor.output.find("the server answered"), std::string::npos) << doctor.output;
  EXPECT_NE(doctor.output.find("schema version " + std::to_string(CurrentSchemaVersion())),
            std::string::npos)
      << doctor.output;
  EXPECT_NE(doctor.output.find("last backup"), std::string::npos) << doctor.output;
}

TEST(DoctorTest, EachMistakeIsNamedWithWhatToDo) {
  TestSite site;
  ServeOnce(site);
  std::string secret = site.File("secret.key");
  ::chmod(secret.c_str(), 0644);
  ::chmod(site.dir().c_str(), 0777);
  TempDir elsewhere;
  std::ofstream(site.File("broken.toml"))
      << "[http]\ntrusted_proxies = [\"0.0.0.0/0\"]\n"
      << "[mail]\ntransport = \"smtp\"\nsmtp_url = \"smtp://127.0.0.1:9\"\n"
      << "[backup]\ndir = \"" << elsewhere.File("missing") << "\"\n";
  auto doctor = RunDateline(site.With({"doctor", "--config", site.File("broken.toml")}));
  EXPECT_EQ(doctor.exit_code, 1) << doctor.output;
  for (const char* said :
       {"can be read by other users (mode 0644): chmod 600", "writable by every user (mode 0777)",
        "trusted_proxies lists 0.0.0.0/0", "mail cannot go out: SMTP smtp://127.0.0.1:9",
        "is not writable by this user", "problem(s)"}) {
    EXPECT_NE(doctor.output.find(said), std::string::npos) << said << "\n" << doctor.output;
  }
  // Nothing it looked at was changed.
  struct stat st {};
  ASSERT_EQ(::stat(secret.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  EXPECT_FALSE(std::filesystem::exists(elsewhere.File("missing")));

  // A store that cannot be reached is a problem, not a crash.
  auto unreachable =
      RunDateline({"doctor", "--data-dir", site.dir(), "--store",
                   site.kind() == StoreKind::kSqlite ? "sqlite:///no/such/folder/x.db"
                                                     : "postgres://nobody@127.0.0.1:9/none"});
  EXPECT_EQ(unreachable.exit_code, 1) << unreachable.output;
  EXPECT_NE(unreachable.output.find(site.kind() == StoreKind::kSqlite ? "does not exist"
                                                                      : "cannot be opened"),
            std::string::npos)
      << unreachable.output;
  EXPECT_FALSE(std::filesystem::exists("/no/such/folder"));
}

}  // namespace
}  // namespace dateline::testing
