#include "core/time_format.hpp"

#include <gtest/gtest.h>

namespace dateline::core {
namespace {

TEST(TimeFormatTest, ParsesAndFormats) {
  struct Case {
    const char* text;
    std::optional<int64_t> epoch;
  } cases[] = {
      {"1970-01-01", 0},
      {"2016-08-26T19:45:00Z", 1472240700},
      {"2016-08-26T19:45Z", 1472240700},
      {"2016-08-26 19:45:00", 1472240700},
      {"2016-08-26T21:45:00+02:00", 1472240700},
      {"2016-08-26T14:45:00-05:00", 1472240700},
      {"2024-02-29", 1709164800},
      {"2023-02-29", std::nullopt},
      {"2016-13-01", std::nullopt},
      {"2016-08-26T25:00", std::nullopt},
      {"26/08/2016", std::nullopt},
      {"2016-08-26T19:45:00Zjunk", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseIso8601(c.text), c.epoch) << c.text;
  EXPECT_EQ(FormatIso8601(1472240700), "2016-08-26T19:45:00Z");
  EXPECT_EQ(FormatHumanDateTime(1472240700), "Aug. 26, 2016 at 7:45 p.m. UTC");
  EXPECT_EQ(FormatHumanDateTime(0), "Jan. 1, 1970 at 12:00 a.m. UTC");
  EXPECT_EQ(FormatHttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
}

}  // namespace
}  // namespace dateline::core
