#include "render/page_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

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

TEST(PageCacheTest, APageBuiltWhileItWasDroppedIsNotKept) {
  PageCache cache;
  CacheVersion before = cache.VersionOf("article:a");
  // A reader's request starts building the article page; a comment lands and the page is
  // dropped; the build finishes with what it read before the comment.
  cache.Erase("article:a");
  auto stale = cache.Put("article:a", 200, "old comments", std::nullopt, before);
  EXPECT_EQ(*stale->body, "old comments") << "the request still gets its answer";
  EXPECT_EQ(cache.Get("article:a", 0), nullptr) << "but the cache does not keep it";
  cache.Put("article:a", 200, "new comments", std::nullopt, cache.VersionOf("article:a"));
  EXPECT_NE(cache.Get("article:a", 0), nullptr);
  // Clear drops everything being built, whatever its key.
  CacheVersion front = cache.VersionOf("front");
  cache.Clear();
  cache.Put("front", 200, "old front", std::nullopt, front);
  EXPECT_EQ(cache.Get("front", 0), nullptr);
}

TEST(PageCacheTest, AnUnrelatedDropDoesNotThrowAwayAPageBeingBuilt) {
  PageCache cache;
  CacheVersion front = cache.VersionOf("front");
  cache.Erase("article:a");  // a comment on one story
  cache.Put("front", 200, "the front page", std::nullopt, front);
  EXPECT_NE(cache.Get("front", 0), nullptr) << "the front page did not hold that story's comments";
}

TEST(PageCacheTest, FragmentsGoWithTheirPage) {
  PageCache cache;
  cache.PutFragment("article:a", "signed-in:full", "<p>Whole</p>", std::nullopt,
                    cache.VersionOf("article:a"));
  cache.PutFragment("article:b", "signed-in:full", "<p>B</p>", std::nullopt,
                    cache.VersionOf("article:b"));
  ASSERT_NE(cache.GetFragment("article:a", "signed-in:full", 0), nullptr);
  EXPECT_EQ(*cache.GetFragment("article:a", "signed-in:full", 0), "<p>Whole</p>");
  EXPECT_EQ(cache.GetFragment("article:a", "signed-in:cut", 0), nullptr);
  cache.Erase("article:a");
  EXPECT_EQ(cache.GetFragment("article:a", "signed-in:full", 0), nullptr);
  EXPECT_NE(cache.GetFragment("article:b", "signed-in:full", 0), nullptr);
  // One built across a drop of its page is not kept.
  CacheVersion before = cache.VersionOf("article:b");
  cache.Erase("article:b");
  cache.PutFragment("article:b", "signed-in:full", "stale", std::nullopt, before);
  EXPECT_EQ(cache.GetFragment("article:b", "signed-in:full", 0), nullptr);
  cache.PutFragment("article:c", "x", "expiring", 50, cache.VersionOf("article:c"));
  EXPECT_NE(cache.GetFragment("article:c", "x", 49), nullptr);
  EXPECT_EQ(cache.GetFragment("article:c", "x", 50), nullptr);
}

TEST(PageCacheTest, AColdPageIsBuiltOnceHoweverManyAskAtOnce) {
  PageCache cache;
  std::atomic<int> builds = 0;
  std::atomic<bool> release = false;
  auto build = [&](const CacheVersion& v) -> core::Result<std::shared_ptr<const CachedPage>> {
    ++builds;
    // Hold the build until every other reader has asked and is waiting for it.
    while (!release) std::this_thread::yield();
    return cache.Put("front", 200, "built once", std::nullopt, v);
  };
  std::vector<std::thread> readers;
  std::vector<std::string> got(8);
  for (int i = 0; i < 8; ++i) {
    readers.emplace_back([&, i] {
      auto page = cache.GetOrBuild("front", 0, build);
      got[i] = page.ok() ? *(*page)->body : "error";
    });
  }
  while (cache.shared_builds() < 7) std::this_thread::yield();
  release = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(builds.load(), 1);
  for (const auto& body : got) EXPECT_EQ(body, "built once");
  // A failed build is shared too, and not kept: the next reader builds again.
  auto failed = cache.GetOrBuild(
      "broken", 0, [](const CacheVersion&) -> core::Result<std::shared_ptr<const CachedPage>> {
        return core::Error::Unavailable("the store is away");
      });
  EXPECT_FALSE(failed.ok());
  EXPECT_FALSE(cache.Has("broken", 0));
}

TEST(PageCacheTest, AFullCacheEmptiesRatherThanGrowing) {
  PageCache cache(3);
  for (int i = 0; i < 10; ++i) cache.Put("k" + std::to_string(i), 200, "x", std::nullopt);
  EXPECT_LE(cache.size(), 3u);
  PageCache none(0);  // page_cache_entries = 0: every page built for every request
  EXPECT_EQ(*none.Put("front", 200, "x", std::nullopt)->body, "x");
  EXPECT_FALSE(none.Has("front", 0));
  none.PutFragment("layout", "sections", "y", std::nullopt, none.VersionOf("layout"));
  EXPECT_EQ(none.GetFragment("layout", "sections", 0), nullptr);
}

}  // namespace
}  // namespace dateline::render
