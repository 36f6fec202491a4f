// The command line: settings, migrations, publishing, and what a first start prints.

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "../support/temp_dir.hpp"
#include "harness.hpp"

namespace dateline::testing {
namespace {

using std::chrono::milliseconds;

constexpr const char* kUpdatedDemo =
    "---\n"
    "headline: Kerry and Lavrov extend Syria talks\n"
    "dateline: GENEVA\n"
    "byline: The Associated Press\n"
    "slug: kerry-lavrov-syria-truce\n"
    "published: 2016-08-26T19:45:00Z\n"
    "---\n"
    "An updated first paragraph.\n";

TEST(CliTest, VersionAndHelp) {
  auto v = RunDateline({"version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.output.rfind("dateline ", 0), 0u);
  EXPECT_NE(RunDateline({"no-such-command"}).exit_code, 0);
}

TEST(CliTest, MigrateAppliesThenReportsUpToDate) {
  TestSite site;
  auto first = RunDateline(site.With({"migrate"}));
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("applied 1 create_users"), std::string::npos) << first.output;
  auto second = RunDateline(site.With({"migrate"}));
  EXPECT_EQ(second.exit_code, 0);
  EXPECT_NE(second.output.find("up to date"), std::string::npos) << second.output;
}

TEST(CliTest, BadSettingsNameTheKeyAndExitNonZero) {
  TempDir dir;
  auto listen = RunDateline({"serve", "--data-dir", dir.path(), "--listen", "nowhere"});
  EXPECT_NE(listen.exit_code, 0);
  EXPECT_NE(listen.output.find("--listen"), std::string::npos) << listen.output;

  std::ofstream(dir.File("bad.toml")) << "[http]\nthreads = -3\n";
  auto file = RunDateline({"serve", "--config", dir.File("bad.toml")});
  EXPECT_NE(file.exit_code, 0);
  EXPECT_NE(file.output.find("http.threads"), std::string::npos) << file.output;

  auto env = RunDateline({"serve", "--data-dir", dir.path()}, {{"DATELINE_STORE", "mongodb://x"}});
  EXPECT_NE(env.exit_code, 0);
  EXPECT_NE(env.output.find("'store'"), std::string::npos) << env.output;
}

TEST(CliTest, PortInUseIsReportedWithTheAddress) {
  TestSite site;
  auto first = ServerProcess::Start(site);
  ASSERT_NE(first, nullptr);
  TestSite other;
  std::string address = "127.0.0.1:" + std::to_string(first->port());
  auto second = RunDateline(other.With({"serve", "--listen", address}));
  EXPECT_NE(second.exit_code, 0);
  EXPECT_NE(second.output.find(address), std::string::npos) << second.output;
}

// Off a terminal the one-time password goes to a file of the owner's, never to the log.
std::string FirstAdminPassword(const TestSite& site) {
  std::ifstream in(site.File("first-admin-password.txt"));
  std::string password;
  std::getline(in, password);
  return password;
}

TEST(CliTest, FirstStartGivesTheAdminOnceAndNeverAFixedPassword) {
  TestSite a, b;
  auto first = ServerProcess::Start(a);
  ASSERT_NE(first, nullptr);
  std::string out = first->Output();
  ASSERT_NE(out.find("password:   in " + a.File("first-admin-password.txt")), std::string::npos)
      << out;
  std::string password = FirstAdminPassword(a);
  EXPECT_GE(password.size(), 16u);
  EXPECT_EQ(out.find(password), std::string::npos);
  EXPECT_NE(out.find("admin@example.com"), std::string::npos);
  first.reset();
  std::remove(a.File("first-admin-password.txt").c_str());

  auto again = ServerProcess::Start(a);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->Output().find("password:   "), std::string::npos);
  EXPECT_EQ(FirstAdminPassword(a), "") << "a second start makes no new password";
  again.reset();

  auto other = ServerProcess::Start(b);
  ASSERT_NE(other, nullptr);
  EXPECT_NE(FirstAdminPassword(b), password);
}

TEST(CliTest, PublishReplacesAStoryOnlyWhenTheFileSaysSoAndKeepsRevisions) {
  TestSite dir;
  auto server = ServerProcess::Start(dir);
  ASSERT_NE(server, nullptr);
  auto before = Fetch(server->port(), "GET", "/articles/kerry-lavrov-syria-truce");
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200);

  // Same slug, no `update: true`: refused, the clash named, the story untouched.
  std::ofstream(dir.File("clash.md")) << kUpdatedDemo;
  auto clash = RunDateline(dir.With({"article", "publish", dir.File("clash.md")}));
  EXPECT_EQ(clash.exit_code, 2) << clash.output;
  EXPECT_NE(clash.output.find("is already used by the story"), std::string::npos) << clash.output;

  std::string update = kUpdatedDemo;
  update.insert(update.find("---\n", 4), "update: true\n");
  std::ofstream(dir.File("update.md")) << update;
  auto published = RunDateline(dir.With({"article", "publish", dir.File("update.md")}));
  ASSERT_EQ(published.exit_code, 0) << published.output;
  EXPECT_NE(published.output.find("updated /articles/kerry-lavrov-syria-truce"), std::string::npos)
      << published.output;
  auto revisions = RunDateline(dir.With({"article", "revisions", "kerry-lavrov-syria-truce"}));
  ASSERT_EQ(revisions.exit_code, 0) << revisions.output;
  EXPECT_NE(revisions.output.find("Kerry and Lavrov extend Syria talks  (current)"),
            std::string::npos)
      << revisions.output;

  // The running server notices within a second.
  auto deadline = std::chrono::steady_clock::now() + milliseconds(1000);
  bool changed = false;
  while (!changed && std::chrono::steady_clock::now() < deadline) {
    auto r = Fetch(server->port(), "GET", "/articles/kerry-lavrov-syria-truce");
    changed = r && r->body.find("An updated first paragraph.") != std::string::npos;
    if (!changed) std::this_thread::sleep_for(milliseconds(50));
  }
  EXPECT_TRUE(changed);
  auto front = Fetch(server->port(), "GET", "/");
  EXPECT_NE(front->body.find("Kerry and Lavrov extend Syria talks"), std::string::npos);

  auto list = RunDateline(dir.With({"article", "list"}));
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.output.find("kerry-lavrov-syria-truce"), std::string::npos);
  EXPECT_NE(list.output.find("1 article"), std::string::npos) << list.output;
}

TEST(CliTest, MalformedFileNamesTheLineAndChangesNothing) {
  TestSite dir;
  ASSERT_EQ(RunDateline(dir.With({"migrate"})).exit_code, 0);
  std::ofstream(dir.File("bad.md")) << "---\nheadline: Fine\naccess: everybody\n---\nBody\n";
  auto r = RunDateline(dir.With({"article", "publish", dir.File("bad.md")}));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("line 3"), std::string::npos) << r.output;
  std::ofstream(dir.File("binary.md")) << "---\nheadline: \xFF\xFE\n---\nBody\n";
  auto bin = RunDateline(dir.With({"article", "publish", dir.File("binary.md")}));
  EXPECT_NE(bin.exit_code, 0);
  EXPECT_NE(bin.output.find("UTF-8"), std::string::npos) << bin.output;
  auto list = RunDateline(dir.With({"article", "list"}));
  EXPECT_NE(list.output.find("0 articles"), std::string::npos) << list.output;
}

TEST(CliTest, PlanListShowsTheCodesGrantTakes) {
  TestSite site;
  {
    auto server = ServerProcess::Start(site);  // the first start saves the demo plans
    ASSERT_NE(server, nullptr);
  }
  auto listed = RunDateline(site.With({"plan", "list"}));
  EXPECT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_NE(listed.output.find("digital-monthly"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("USD 9.00"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("2 plans"), std::string::npos);
  auto help = RunDateline({"user", "add", "--help"});
  EXPECT_NE(help.output.find("reader, contributor, author, editor, moderator or admin"),
            std::string::npos);
}

TEST(CliTest, ARenamedStoryRedirectsAndAnUnpublishedOneIsGone) {
  TestSite dir;
  auto server = ServerProcess::Start(dir);
  ASSERT_NE(server, nullptr);
  std::ofstream(dir.File("story.md"))
      << "---\nheadline: Moving story\nslug: old-address\n---\nText.\n";
  auto created = RunDateline(dir.With({"article", "publish", dir.File("story.md")}));
  ASSERT_EQ(created.exit_code, 0) << created.output;
  size_t at = created.output.find("(story ");
  ASSERT_NE(at, std::string::npos) << created.output;
  std::string id = created.output.substr(at + 7, created.output.find(',', at) - at - 7);
  // The file names the story by id and gives it a new slug: the old address redirects.
  std::ofstream(dir.File("story.md"))
      << "---\nheadline: Moving story\nslug: new-address\nid: " << id << "\n---\nText.\n";
  auto renamed = RunDateline(dir.With({"article", "publish", dir.File("story.md")}));
  ASSERT_EQ(renamed.exit_code, 0) << renamed.output;
  auto moved = Fetch(server->port(), "GET", "/articles/old-address");
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->status, 301);
  EXPECT_EQ(moved->Header("location"), "/articles/new-address");
  EXPECT_EQ(Fetch(server->port(), "GET", "/articles/new-address")->status, 200);
  // A contributor may not take it down; an editor's word, or the operator's, does.
  std::string password = OneTimePasswordIn(
      RunDateline(dir.With({"user", "add", "writer@example.org", "--role", "contributor"})));
  ASSERT_FALSE(password.empty());
  auto refused =
      RunDateline(dir.With({"article", "unpublish", "new-address", "--as", "writer@example.org"}));
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_EQ(Fetch(server->port(), "GET", "/articles/new-address")->status, 200);
  auto down = RunDateline(dir.With({"article", "unpublish", "new-address", "--note", "legal"}));
  ASSERT_EQ(down.exit_code, 0) << down.output;
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {  // the running server hears of it within a second
    gone = Fetch(server->port(), "GET", "/articles/new-address")->status == 410;
    if (!gone) std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_TRUE(gone);
  auto old_address = Fetch(server->port(), "GET", "/articles/old-address");
  EXPECT_EQ(old_address->status, 410);
  EXPECT_NE(old_address->body.find("No longer published"), std::string::npos);
  auto list = RunDateline(dir.With({"article", "list", "--status", "unpublished"}));
  EXPECT_NE(list.output.find("new-address"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find("1 article"), std::string::npos) << list.output;
}

// When a scheduled story comes due is a matter for the clock, tested with a fake one
// (ArticleServiceTest.ScheduledArticlesStayHiddenUntilDue, PageCacheTest.ExpiredPagesAreMisses);
// here, only that the running server keeps a future story out and shows it once due.
TEST(CliTest, ScheduledArticleStaysOutUntilDue) {
  TestSite dir;
  auto server = ServerProcess::Start(dir);
  ASSERT_NE(server, nullptr);
  ASSERT_EQ(Fetch(server->port(), "GET", "/")->status, 200);  // fills the cache
  std::ofstream(dir.File("later.md"))
      << "---\nheadline: Scheduled story\nslug: later\npublished: 2099-01-01T00:00:00Z\n---\n"
         "Later.\n";
  auto scheduled = RunDateline(dir.With({"article", "publish", dir.File("later.md")}));
  ASSERT_EQ(scheduled.exit_code, 0) << scheduled.output;
  EXPECT_EQ(Fetch(server->port(), "GET", "/articles/later")->status, 404);
  EXPECT_EQ(Fetch(server->port(), "GET", "/")->body.find("Scheduled story"), std::string::npos);
  EXPECT_EQ(Fetch(server->port(), "GET", "/api/articles")->body.find("later"), std::string::npos);
  // Moved to the past, it is due: the running server shows it (the change reaches it).
  std::ofstream(dir.File("later.md"))
      << "---\nheadline: Scheduled story\nslug: later\npublished: 2020-01-01T00:00:00Z\n"
         "update: true\n---\nLater.\n";
  auto due = RunDateline(dir.With({"article", "publish", dir.File("later.md")}));
  ASSERT_EQ(due.exit_code, 0) << due.output;
  bool shown = false;
  for (int i = 0; i < 100 && !shown; ++i) {
    shown = Fetch(server->port(), "GET", "/")->body.find("Scheduled story") != std::string::npos;
    if (!shown) std::this_thread::sleep_for(milliseconds(50));
  }
  EXPECT_TRUE(shown);
  EXPECT_EQ(Fetch(server->port(), "GET", "/articles/later")->status, 200);
}

}  // namespace
}  // namespace dateline::testing
