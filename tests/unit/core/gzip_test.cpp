#include "core/gzip.hpp"

#include <gtest/gtest.h>

namespace dateline::core {
namespace {

TEST(GzipTest, TextShrinksAndComesBackTheSame) {
  std::string page;
  for (int i = 0; i < 200; ++i) page += "<p>GENEVA (AP) — The talks resumed on Monday.</p>\n";
  auto zipped = Gzip(page);
  ASSERT_TRUE(zipped.has_value());
  EXPECT_LT(zipped->size(), page.size() / 10);
  EXPECT_EQ(static_cast<unsigned char>((*zipped)[0]), 0x1f) << "a gzip member";
  EXPECT_EQ(static_cast<unsigned char>((*zipped)[1]), 0x8b);
  EXPECT_EQ(Gunzip(*zipped), page);
}

TEST(GzipTest, TinyOrIncompressibleBodiesAreLeftAlone) {
  EXPECT_FALSE(Gzip("short").has_value());
  std::string noise;
  uint32_t x = 12345;
  for (int i = 0; i < 4096; ++i) {
    x = x * 1664525u + 1013904223u;
    noise.push_back(static_cast<char>(x >> 24));
  }
  EXPECT_FALSE(Gzip(noise).has_value());
}

TEST(GzipTest, GunzipRefusesWhatIsNotOneWholeMember) {
  std::string page(10000, 'a');
  auto zipped = Gzip(page);
  ASSERT_TRUE(zipped.has_value());
  EXPECT_FALSE(Gunzip(zipped->substr(0, zipped->size() - 4)).has_value()) << "cut short";
  EXPECT_FALSE(Gunzip(*zipped + "trailing").has_value());
  EXPECT_FALSE(Gunzip("not gzip at all").has_value());
  EXPECT_FALSE(Gunzip(*zipped, 100).has_value()) << "inflates beyond the limit";
  EXPECT_FALSE(Gunzip("").has_value());
}

}  // namespace
}  // namespace dateline::core
