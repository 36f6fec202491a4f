#include "core/brotli.hpp"

#include <gtest/gtest.h>

#include "core/compressed.hpp"
#include "core/gzip.hpp"

namespace dateline::core {
namespace {

std::string Page() {
  std::string page;
  for (int i = 0; i < 200; ++i)
    page += "<p>GENEVA (AP) — The talks resumed on Monday, " + std::to_string(i) + ".</p>\n";
  return page;
}

TEST(BrotliTest, TextShrinksBelowGzipAndComesBackTheSame) {
  std::string page = Page();
  auto packed = Brotli(page, 11);
  auto zipped = Gzip(page);
  ASSERT_TRUE(packed && zipped);
  EXPECT_LT(packed->size(), zipped->size());
  EXPECT_EQ(Unbrotli(*packed), page);
  EXPECT_EQ(Unbrotli(*Brotli(page, 9)), page);
}

TEST(BrotliTest, TinyOrIncompressibleBodiesAreLeftAlone) {
  EXPECT_FALSE(Brotli("short", 11).has_value());
  std::string noise;
  uint32_t x = 12345;
  for (int i = 0; i < 4096; ++i) {
    x = x * 1664525u + 1013904223u;
    noise.push_back(static_cast<char>(x >> 24));
  }
  EXPECT_FALSE(Brotli(noise, 11).has_value());
  EXPECT_FALSE(Compress(noise, Effort::kOnce).any());
}

TEST(BrotliTest, UnbrotliRefusesWhatIsNotOneWholeStream) {
  std::string page(10000, 'a');
  auto packed = Brotli(page, 5);
  ASSERT_TRUE(packed.has_value());
  EXPECT_FALSE(Unbrotli(packed->substr(0, packed->size() - 2)).has_value()) << "cut short";
  EXPECT_FALSE(Unbrotli(*packed + "trailing").has_value());
  EXPECT_FALSE(Unbrotli("not brotli at all").has_value());
  EXPECT_FALSE(Unbrotli(*packed, 100).has_value()) << "decodes beyond the limit";
  EXPECT_FALSE(Unbrotli("").has_value());
}

TEST(BrotliTest, CompressMakesBothTwins) {
  auto both = Compress(Page(), Effort::kPage);
  ASSERT_TRUE(both.gzip && both.brotli);
  EXPECT_EQ(Gunzip(*both.gzip), Page());
  EXPECT_EQ(Unbrotli(*both.brotli), Page());
}

}  // namespace
}  // namespace dateline::core
