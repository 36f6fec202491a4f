#include "core/time_zone.hpp"

#include <gtest/gtest.h>

#include "core/time_format.hpp"

namespace dateline::core {
namespace {

// The zone is the process's: each test puts UTC back.
class TimeZoneTest : public ::testing::Test {
 protected:
  void TearDown() override { ASSERT_TRUE(SetSiteTimeZone("UTC").ok()); }
};

TEST_F(TimeZoneTest, TimesReadersSeeAreInTheSitesZone) {
  const int64_t kPublished = 1472245500;  // 2016-08-26T21:05:00Z
  EXPECT_EQ(FormatHumanDateTime(kPublished), "Aug. 26, 2016 at 9:05 p.m. UTC");
  ASSERT_TRUE(SetSiteTimeZone("America/New_York").ok());
  EXPECT_EQ(SiteTimeZone(), "America/New_York");
  EXPECT_EQ(FormatHumanDateTime(kPublished), "Aug. 26, 2016 at 5:05 p.m. EDT");
  EXPECT_EQ(FormatHumanDateTime(1481839200), "Dec. 15, 2016 at 5:00 p.m. EST") << "winter";
  EXPECT_EQ(FormatIso8601(kPublished), "2016-08-26T21:05:00Z") << "machines keep UTC";
  EXPECT_EQ(FormatSiteInputTime(kPublished), "2016-08-26T17:05:00");
  EXPECT_EQ(ParseSiteTime("2016-08-26T17:05"), kPublished);
  EXPECT_EQ(ParseSiteTime("2016-08-26 17:05:00"), kPublished);
  EXPECT_EQ(NextSiteMidnight(kPublished), 1472270400) << "midnight in New York, 04:00 UTC";
}

TEST_F(TimeZoneTest, OnlyZonesThisMachineKnows) {
  for (const char* bad : {"", "Mars/Olympus_Mons", "../../etc/passwd", "/etc/passwd",
                          "Europe/../../etc/passwd", "Europe/Zurich;rm", "Europe/"}) {
    EXPECT_FALSE(IsKnownTimeZone(bad)) << bad;
    EXPECT_FALSE(SetSiteTimeZone(bad).ok()) << bad;
  }
  EXPECT_EQ(SiteTimeZone(), "UTC") << "a refused zone changes nothing";
  EXPECT_TRUE(IsKnownTimeZone("UTC"));
  EXPECT_TRUE(IsKnownTimeZone("Europe/Zurich"));
}

TEST_F(TimeZoneTest, EditorTimesAreParsedStrictly) {
  ASSERT_TRUE(SetSiteTimeZone("Europe/Zurich").ok());
  EXPECT_EQ(ParseSiteTime("2026-12-01T09:30"), 1796113800);  // 08:30 UTC, CET
  EXPECT_EQ(ParseSiteTime("2026-07-01T09:30"), 1782891000);  // 07:30 UTC, CEST
  for (const char* bad : {"2026-02-31T09:30", "2026-13-01T09:30", "2026-12-01T24:00", "2026-12-01",
                          "soon", "2026-12-01T09:30Z", "2026-12-01T9:30"}) {
    EXPECT_FALSE(ParseSiteTime(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace dateline::core
