// dateline export and dateline import dateline: a site with stories, revisions, authors,
// sections, tags, comments, readers, newsletters, members and subscriptions goes out as
// JSON Lines and back into an empty store of the other kind, identical (its own export is
// the same file, line for line); a store that is not empty, an export cut short and a
// tampered row are refused with nothing written.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

std::vector<std::string> LinesOf(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

void WriteLines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  for (const auto& l : lines) out << l << "\n";
}

TEST(ExportTest, ASiteGoesOutAndComesBackIdenticalInTheOtherStore) {
  TestSite site;
  {
    auto server = ServerProcess::Start(site);  // the demo content and the first admin
    ASSERT_NE(server, nullptr);
    server->Signal(SIGTERM);
    ASSERT_EQ(server->WaitForExit(std::chrono::seconds(15)), 0);
  }
  std::ofstream(site.File("plans.toml"))
      << "[[plans]]\ncode = \"digital-monthly\"\nname = \"Digital, monthly\"\n"
      << "price_cents = 900\nstripe_price = \"price_monthly\"\n";
  RunOk(site, {"import", "wordpress", SourceDir() + "/tests/fixtures/imports/wordpress-small.xml"});
  RunOk(site, {"import", "ghost", SourceDir() + "/tests/fixtures/imports/ghost-small.json",
               "--config", site.File("plans.toml")});
  RunOk(site, {"user", "add", "editor@paper.example", "--name", "Eda Editor", "--role", "editor"});
  ASSERT_GT(site.QueryInt("SELECT COUNT(*) FROM article_revisions"), 5);
  ASSERT_GT(site.QueryInt("SELECT COUNT(*) FROM subscriptions"), 0);

  std::string exported = site.File("site.jsonl");
  auto out = RunDateline(site.With({"export", exported}));
  ASSERT_EQ(out.exit_code, 0) << out.output;
  struct stat st {};
  ASSERT_EQ(::stat(exported.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);  // only its owner reads every account
  auto lines = LinesOf(exported);
  ASSERT_GT(lines.size(), 50u);
  EXPECT_EQ(lines.front().rfind("{\"dateline_export\":1,\"schema_version\":" +
                                    std::to_string(CurrentSchemaVersion()) + ",",
                                0),
            0u)
      << lines.front();
  EXPECT_EQ(lines.back().rfind("{\"end\":true,\"rows\":", 0), 0u);

  // Into the other store kind when there is one: SQLite to PostgreSQL, or back.
  bool postgres = std::getenv("DATELINE_TEST_PG") != nullptr;
  StoreKind other =
      site.kind() == StoreKind::kSqlite && postgres ? StoreKind::kPostgres : StoreKind::kSqlite;
  TestSite moved(other);
  auto in = RunDateline(moved.With({"import", "dateline", exported}));
  ASSERT_EQ(in.exit_code, 0) << in.output;
  std::string again = moved.File("again.jsonl");
  ASSERT_EQ(RunDateline(moved.With({"export", again})).exit_code, 0);
  auto round_trip = LinesOf(again);
  ASSERT_EQ(round_trip.size(), lines.size());
  for (size_t i = 1; i < lines.size(); ++i) {  // all but the header's time
    ASSERT_EQ(round_trip[i], lines[i]) << "line " << i + 1;
  }
  // The moved site serves the same stories and redirects.
  auto server = ServerProcess::Start(moved);
  ASSERT_NE(server, nullptr);
  auto story = Fetch(server->port(), "GET", "/articles/harbour-reopens");
  ASSERT_EQ(story->status, 200);
  EXPECT_NE(story->body.find("Harbour reopens after the storm"), std::string::npos);
  EXPECT_EQ(Fetch(server->port(), "GET", "/?p=101")->status, 301);

  // Refused, and nothing written: a store that is not empty...
  auto twice = RunDateline(moved.With({"import", "dateline", exported}));
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.output.find("not empty"), std::string::npos) << twice.output;
  // ...an export cut short, and one with a row that does not fit its table.
  TestSite empty;
  auto cut = lines;
  cut.resize(cut.size() / 2);
  WriteLines(empty.File("cut.jsonl"), cut);
  auto short_file = RunDateline(empty.With({"import", "dateline", empty.File("cut.jsonl")}));
  EXPECT_EQ(short_file.exit_code, 2) << short_file.output;
  EXPECT_NE(short_file.output.find("cut short"), std::string::npos) << short_file.output;
  auto tampered = lines;
  size_t row = 0;
  for (size_t i = 1; i < tampered.size(); ++i) {
    if (tampered[i].rfind("[", 0) == 0) {
      row = i;
      break;
    }
  }
  ASSERT_GT(row, 0u);
  tampered[row] = "[1]";
  WriteLines(empty.File("tampered.jsonl"), tampered);
  auto wrong = RunDateline(empty.With({"import", "dateline", empty.File("tampered.jsonl")}));
  EXPECT_EQ(wrong.exit_code, 2) << wrong.output;
  EXPECT_NE(wrong.output.find("line " + std::to_string(row + 1) + ": a row of 1 values"),
            std::string::npos)
      << wrong.output;
  EXPECT_EQ(empty.QueryInt("SELECT COUNT(*) FROM articles"), 0);
  EXPECT_EQ(empty.QueryInt("SELECT COUNT(*) FROM users"), 0);
}

}  // namespace
}  // namespace dateline::testing
