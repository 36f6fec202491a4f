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
  EXPECT_EQ(d->draft.headline, "Kerry, Lavrov report progress");
  EXPECT_EQ(d->draft.dek, "A quoted dek");
  EXPECT_EQ(d->draft.dateline, "GENEVA");
  EXPECT_EQ(d->draft.byline, "The Associated Press");
  EXPECT_EQ(d->draft.slug, "kerry-lavrov");
  EXPECT_EQ(d->draft.access, Access::kSubscribers);
  EXPECT_EQ(d->draft.published_at, 1472240700);
  EXPECT_EQ(d->draft.body_markdown, "First paragraph.\n\nSecond.\n");
}

TEST(FrontMatterTest, StatusUpdateAndIdSayHowTheFileMeetsTheStore) {
  auto d = ParseArticleFile("---\nheadline: H\nstatus: review\nupdate: true\nid: 42\n---\nB\n");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->status, Status::kReview);
  EXPECT_TRUE(d->update);
  EXPECT_EQ(d->id, 42);
  auto plain = ParseArticleFile("---\nheadline: H\n---\nB\n");
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->status.has_value());
  EXPECT_FALSE(plain->update) << "a file replaces nothing unless it says so";
  EXPECT_FALSE(plain->id.has_value());
}

TEST(FrontMatterTest, SlugDefaultsFromHeadline) {
  auto d = ParseArticleFile("---\nheadline: Hello, World\n---\nBody\n");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->draft.slug, "hello-world");
  EXPECT_EQ(d->draft.access, Access::kFree);
  EXPECT_FALSE(d->draft.published_at.has_value());
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
      {"---\nheadline: x\nstatus: scheduled\n---\nbody\n", "line 3:"},
      {"---\nheadline: x\nupdate: yes\n---\nbody\n", "line 3:"},
      {"---\nheadline: x\nid: -4\n---\nbody\n", "line 3:"},
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
