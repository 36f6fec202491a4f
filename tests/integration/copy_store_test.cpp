// dateline copy-store: a whole site moved between stores, in both directions.

#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

constexpr const char* kArticle = "/articles/kerry-lavrov-syria-truce";

// The other kind of store when PostgreSQL is at hand (this pass's kind otherwise).
StoreKind OtherKind() {
  return TestStoreKind() == StoreKind::kPostgres ? StoreKind::kSqlite : StoreKind::kPostgres;
}

TEST(CopyStoreTest, RoundTripKeepsEverythingAndRefusesANonEmptyTarget) {
  TestSite source;
  ASSERT_EQ(RunDateline(source.With({"migrate"})).exit_code, 0);
  {
    auto server = ServerProcess::Start(source);  // first start: admin, demo, policy
    ASSERT_NE(server, nullptr);
  }
  std::ofstream(source.File("v2.md"))
      << "---\nheadline: A revised headline\nslug: kerry-lavrov-syria-truce\nupdate: true\n---\n"
         "New text.\n";
  ASSERT_EQ(RunDateline(source.With({"article", "publish", source.File("v2.md")})).exit_code, 0);

  bool have_pg = std::getenv("DATELINE_TEST_PG") != nullptr;
  TestSite middle(have_pg ? OtherKind() : TestStoreKind());
  auto there =
      RunDateline({"copy-store", "--from", source.store_url(), "--to", middle.store_url()});
  ASSERT_EQ(there.exit_code, 0) << there.output;
  for (const char* line :
       {"users                       1 rows", "articles                    1 rows",
        "article_revisions           2 rows", "site_pages                  5 rows"}) {
    EXPECT_NE(there.output.find(line), std::string::npos) << line << "\n" << there.output;
  }
  EXPECT_NE(there.output.find("100%"), std::string::npos) << "progress is shown";

  auto again =
      RunDateline({"copy-store", "--from", source.store_url(), "--to", middle.store_url()});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.output.find("--force"), std::string::npos) << again.output;

  TestSite back(source.kind());
  ASSERT_EQ(
      RunDateline({"copy-store", "--from", middle.store_url(), "--to", back.store_url()}).exit_code,
      0);
  auto server = ServerProcess::Start(back);
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->Output().find("password:   "), std::string::npos) << "admin was copied";
  auto page = Fetch(server->port(), "GET", kArticle);
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("A revised headline"), std::string::npos);
  EXPECT_EQ(Fetch(server->port(), "GET", "/comments-policy")->status, 200);
  // Ids keep counting after the copied ones: a new article can still be published.
  std::ofstream(back.File("new.md")) << "---\nheadline: Fresh story\n---\nBody.\n";
  auto fresh = RunDateline(back.With({"article", "publish", back.File("new.md")}));
  EXPECT_EQ(fresh.exit_code, 0) << fresh.output;

  auto forced = RunDateline(
      {"copy-store", "--from", source.store_url(), "--to", back.store_url(), "--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced.output;
  auto list = RunDateline(back.With({"article", "list"}));
  EXPECT_NE(list.output.find("1 article\n"), std::string::npos) << list.output;
}

}  // namespace
}  // namespace dateline::testing
