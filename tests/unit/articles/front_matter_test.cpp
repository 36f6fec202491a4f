#include "articles/front_matter.hpp"

#include <gtest/gtest.h>

namespace dateline::articles {
namespace {

constexpr const char* kGood =
    "---\n"
    "headline: Kerry, Lavrov report progress\n"
    "dek: \"A quoted dek\"\n"
    "dateline: GENEVA\n"
    "byline: The Associated Press\n"
    "slug: kerry-lavrov\n"
    "access: subscribers\n"
    "published: 2016-08-26T19:45:00Z\n"
    "---\n"
    "\n"
    "First paragraph.\r\n"
    "\n"
    "Second.\n";

TEST(FrontMatterTest, ParsesEveryField) {
  auto d = ParseArticleFile(kGood);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->headline, "Kerry, Lavrov report progress");
  EXPECT_EQ(d->dek, "A quoted dek");
  EXPECT_EQ(d->dateline, "GENEVA");
  EXPECT_EQ(d->byline, "The Associated Press");
  EXPECT_EQ(d->slug, "kerry-lavrov");
  EXPECT_EQ(d->access, Access::kSubscribers);
  EXPECT_EQ(d->published_at, 1472240700);
  EXPECT_EQ(d->body_markdown, "First paragraph.\n\nSecond.\n");
}

TEST(FrontMatterTest, SlugDefaultsFromHeadline) {
  auto d = ParseArticleFile("---\nheadline: Hello, World\n---\nBody\n");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->slug, "hello-world");
  EXPECT_EQ(d->access, Access::kFree);
  EXPECT_FALSE(d->published_at.has_value());
}

TEST(FrontMatterTest, ErrorsNameTheLine) {
  struct Case {
    std::string text;
    const char* line;
  } cases[] = {
      {"headline: x\n", "line 1:"},
      {"---\nheadline: x\nno colon here\n---\nbody\n", "line 3:"},
      {"---\nheadline: x\naccess: everyone\n---\nbody\n", "line 3:"},
      {"---\nheadline: x\npublished: yesterday\n---\nbody\n", "line 3:"},
      {"---\nheadline: x\nslug: Not A Slug\n---\nbody\n", "line 3:"},
      {"---\nheadline: x\ncolour: red\n---\nbody\n", "line 3:"},
      {"---\nheadline: x\nheadline: y\n---\nbody\n", "line 3:"},
      {"---\nheadline: x\n", "line 3:"},
      {"---\nheadline: x\n---\n\n  \n", "line 4:"},
      {"---\ndek: x\n---\nbody\n", "line 1:"},
      {"---\nheadline: x\n---\nok\nbad \xFF\n", "line 5:"},
      {"---\nheadline: " + std::string(301, 'h') + "\n---\nbody\n", "line 2:"},
  };
  for (const auto& c : cases) {
    auto d = ParseArticleFile(c.text);
    ASSERT_FALSE(d.ok()) << c.text;
    EXPECT_EQ(d.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(d.error().message.rfind(c.line, 0), 0u) << c.text << " -> " << d.error().message;
  }
}

}  // namespace
}  // namespace dateline::articles
