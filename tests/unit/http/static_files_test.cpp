#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../../support/temp_dir.hpp"

namespace dateline::http {
namespace {

Request Get(std::string path) {
  Request r;
  r.path = std::move(path);
  return r;
}

TEST(StaticFilesTest, ServesPlainAndFingerprintedOnly) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.File("site/css"));
  std::ofstream(dir.File("site/css/site.css")) << "body{}";
  std::ofstream(dir.File("secret.txt")) << "outside";
  std::filesystem::create_symlink(dir.File("secret.txt"), dir.File("site/link.txt"));
  auto files = StaticFiles::Load(dir.File("site"));
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->size(), 1u);  // the link leading outside is skipped

  std::string url = files->Url("css/site.css");
  EXPECT_NE(url, "/static/css/site.css");
  EXPECT_EQ(url.rfind("/static/css/site.", 0), 0u);
  Response fingerprinted = files->Serve(Get(url));
  EXPECT_EQ(fingerprinted.status, 200);
  EXPECT_EQ(fingerprinted.Body(), "body{}");
  EXPECT_EQ(fingerprinted.content_type, "text/css; charset=utf-8");
  EXPECT_NE(fingerprinted.Header("Cache-Control").find("immutable"), std::string::npos);

  Response plain = files->Serve(Get("/static/css/site.css"));
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.Header("Cache-Control"), "no-cache");
  EXPECT_FALSE(plain.Header("ETag").empty());

  for (const char* bad : {"/static/../secret.txt", "/static/link.txt", "/static/css/",
                          "/static/css/../../secret.txt", "/static/%2e%2e/secret.txt"}) {
    EXPECT_EQ(files->Serve(Get(bad)).status, 404) << bad;
  }
}

}  // namespace
}  // namespace dateline::http
