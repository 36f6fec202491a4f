#include "render/templates.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../../support/temp_dir.hpp"
#include "render/page_cache.hpp"

namespace dateline::render {
namespace {

TEST(TemplatesTest, EscapesByDefaultAndNests) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.File("pages"));
  std::ofstream(dir.File("pages/t.mustache"))
      << "<h1>{{title}}</h1>{{{html}}}{{#items}}<li>{{name}}</li>{{/items}}{{^items}}none{{/"
         "items}}";
  auto templates = Templates::Load(dir.path());
  ASSERT_TRUE(templates.ok()) << templates.error().message;
  View v;
  v["title"] = "<script>\"x\"</script>";
  v["html"] = "<em>ok</em>";
  View a;
  a["name"] = "a&b";
  v["items"].Push(a);
  auto out = (*templates)->Render("pages/t", v);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "<h1>&lt;script&gt;&quot;x&quot;&lt;/script&gt;</h1><em>ok</em><li>a&amp;b</li>");
  View empty;
  empty["title"] = "t";
  EXPECT_NE((*templates)->Render("pages/t", empty)->find("none"), std::string::npos);
  EXPECT_FALSE((*templates)->Render("pages/missing", v).ok());
}

TEST(TemplatesTest, BrokenTemplateFailsAtLoad) {
  testing::TempDir dir;
  std::ofstream(dir.File("bad.mustache")) << "{{#open}} never closed";
  auto templates = Templates::Load(dir.path());
  ASSERT_FALSE(templates.ok());
  EXPECT_NE(templates.error().message.find("bad"), std::string::npos);
}

TEST(PageCacheTest, ExpiresAndClears) {
  PageCache cache(2);
  cache.Put("a", 200, "A", std::nullopt);
  cache.Put("b", 200, "B", 100);
  EXPECT_NE(cache.Get("a", 50), nullptr);
  EXPECT_NE(cache.Get("b", 99), nullptr);
  EXPECT_EQ(cache.Get("b", 100), nullptr);
  EXPECT_EQ(cache.Get("a", 50)->etag, cache.Put("a", 200, "A", std::nullopt)->etag);
  cache.Put("c", 200, "C", std::nullopt);  // over the bound: starts afresh
  EXPECT_LE(cache.size(), 2u);
  cache.Clear();
  EXPECT_EQ(cache.Get("c", 0), nullptr);
}

}  // namespace
}  // namespace dateline::render
