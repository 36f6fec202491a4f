// /admin/members.csv, on both stores: every account with its role and digital access, for
// whoever may manage members (the service decides), a search's worth when searched, and
// with a name a spreadsheet would run as a formula defused.

#include <gtest/gtest.h>

#include <sstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

TEST(MembersCsvTest, StaffDownloadEveryAccountWithItsAccess) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  RunOk(site, {"user", "add", "paying@readers.example", "--name", "=HYPERLINK(\"x\")"});
  RunOk(site, {"subscription", "grant", "paying@readers.example", "--plan", "digital-monthly",
               "--until", "2099-01-01"});
  for (int i = 0; i < 520; ++i) {  // more than one page of the service's
    std::string email = "reader" + std::to_string(i) + "@many.example";
    ASSERT_TRUE(site.RunSql("INSERT INTO users (email, display_name, password_hash, role, "
                            "must_change_password, created_at, updated_at) VALUES ('" +
                            email + "', 'Reader " + std::to_string(i) + "', '', 'reader', 0, 0, 0)")
                    .ok());
  }
  auto admin = SignedInAs(site, *server, "ada", "admin");
  auto csv = admin->Get("/admin/members.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.Header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.Header("content-disposition").find("members.csv"), std::string::npos);
  std::istringstream lines(csv.body);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "email,name,role,confirmed,disabled,joined,plan,status,access_until,provider\r");
  int rows = 0;
  bool paying = false, many_last = false, admin_row = false;
  while (std::getline(lines, line)) {
    ++rows;
    if (line.rfind("paying@readers.example,", 0) == 0) {
      paying = true;
      EXPECT_NE(line.find(",\"'=HYPERLINK(\"\"x\"\")\",reader,"), std::string::npos) << line;
      EXPECT_NE(line.find(",digital-monthly,active,2099-01-01T"), std::string::npos) << line;
    }
    many_last = many_last || line.rfind("reader519@many.example,Reader 519,reader,", 0) == 0;
    admin_row = admin_row || line.find(",admin,") != std::string::npos;
  }
  EXPECT_TRUE(paying);
  EXPECT_TRUE(many_last);
  EXPECT_TRUE(admin_row);
  EXPECT_EQ(rows, site.QueryInt("SELECT COUNT(*) FROM users"));
  // A search narrows it; the members page links to it.
  auto found = admin->Get("/admin/members.csv?q=paying");
  ASSERT_EQ(found.status, 200);
  EXPECT_EQ(std::count(found.body.begin(), found.body.end(), '\n'), 2) << found.body;
  EXPECT_NE(admin->Get("/admin/members").body.find("href=\"/admin/members.csv\""),
            std::string::npos);
  // Not for a reader, nor for anyone signed out.
  auto reader = SignedInAs(site, *server, "rita", "reader");
  auto refused = reader->Get("/admin/members.csv");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.body.find("paying@readers.example"), std::string::npos);
  auto anonymous = Fetch(server->port(), "GET", "/admin/members.csv");
  EXPECT_NE(anonymous->status, 200);
  EXPECT_EQ(anonymous->body.find("paying@readers.example"), std::string::npos);
}

}  // namespace
}  // namespace dateline::testing
