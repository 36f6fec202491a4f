#include "imports/import_store.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>

#include "imports/clean_input.hpp"

namespace dateline::imports {
namespace {

TEST(NormalizeAddressTest, OldPermalinksInOneForm) {
  EXPECT_EQ(NormalizeAddress("/2016/08/26/slug/", ""), "/2016/08/26/slug");
  EXPECT_EQ(NormalizeAddress("/slug//", "utm_source=x"), "/slug");
  EXPECT_EQ(NormalizeAddress("/", "p=123"), "/?p=123");
  EXPECT_EQ(NormalizeAddress("/", "utm=1&p=123&x=2"), "/?p=123");
  EXPECT_EQ(NormalizeAddress("/", "page_id=7"), "/?page_id=7");
  EXPECT_EQ(NormalizeAddress("/", "s=search"), "/");
  EXPECT_EQ(NormalizeAddress("no-slash", ""), "");
  EXPECT_EQ(NormalizeAddress(std::string(2000, '/'), ""), "");
}

std::string Cleaned(const std::string& bytes, int chunk) {
  std::string copy = bytes;
  std::FILE* f = fmemopen(copy.data(), copy.size(), "rb");
  CleanInput in(f);
  std::string out;
  char buffer[64];
  int n;
  while ((n = in.Read(buffer, chunk)) > 0) out.append(buffer, static_cast<size_t>(n));
  std::fclose(f);
  return out;
}

TEST(CleanInputTest, ReplacesWhatIsNotUtf8AndKeepsWhatIs) {
  EXPECT_EQ(Cleaned("caf\xc3\xa9", 3), "caf\xc3\xa9");
  EXPECT_EQ(Cleaned("caf\xe9!", 64), "caf\xEF\xBF\xBD!");
  EXPECT_EQ(Cleaned("a\x01"
                    "b\tc\n",
                    64),
            "a\xEF\xBF\xBD"
            "b\tc\n");
  EXPECT_EQ(Cleaned("end\xe2\x82", 64), "end\xEF\xBF\xBD\xEF\xBF\xBD");
  // A long text with multi-byte characters read a few bytes at a time comes out whole.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "\xe2\x82\xac\xf0\x9f\x93\xb0 ";
  EXPECT_EQ(Cleaned(text, 7), text);
}

}  // namespace
}  // namespace dateline::imports
