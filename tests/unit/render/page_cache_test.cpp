#include "render/page_cache.hpp"

#include <gtest/gtest.h>

namespace dateline::render {
namespace {

TEST(PageCacheTest, StoresPagesWithEtagsAndForgetsThemByKeyOrAll) {
  PageCache cache;
  auto page = cache.Put("article:a", 200, "<p>A</p>", std::nullopt);
  EXPECT_EQ(*page->body, "<p>A</p>");
  EXPECT_EQ(page->etag.front(), '"');
  cache.Put("front", 200, "<p>F</p>", std::nullopt);
  cache.Erase("article:a");
  EXPECT_EQ(cache.Get("article:a", 0), nullptr);
  EXPECT_NE(cache.Get("front", 0), nullptr) << "only the named page goes";
  cache.Clear();
  EXPECT_EQ(cache.size(), 0u);
}

TEST(PageCacheTest, ExpiredPagesAreMisses) {
  PageCache cache;
  cache.Put("front", 200, "x", 100);
  EXPECT_NE(cache.Get("front", 99), nullptr);
  EXPECT_EQ(cache.Get("front", 100), nullptr);
}

TEST(PageCacheTest, APageBuiltWhileSomethingWasDroppedIsNotKept) {
  PageCache cache;
  uint64_t before = cache.Epoch();
  // A reader's request starts building the article page; a comment lands and the page is
  // dropped; the build finishes with what it read before the comment.
  cache.Erase("article:a");
  auto stale = cache.Put("article:a", 200, "old comments", std::nullopt, before);
  EXPECT_EQ(*stale->body, "old comments") << "the request still gets its answer";
  EXPECT_EQ(cache.Get("article:a", 0), nullptr) << "but the cache does not keep it";
  uint64_t now = cache.Epoch();
  cache.Put("article:a", 200, "new comments", std::nullopt, now);
  EXPECT_NE(cache.Get("article:a", 0), nullptr);
}

TEST(PageCacheTest, AFullCacheEmptiesRatherThanGrowing) {
  PageCache cache(3);
  for (int i = 0; i < 10; ++i) cache.Put("k" + std::to_string(i), 200, "x", std::nullopt);
  EXPECT_LE(cache.size(), 3u);
}

}  // namespace
}  // namespace dateline::render
