#include "web/kit/page_holes.hpp"

#include <gtest/gtest.h>

namespace dateline::web {
namespace {

TEST(PageHolesTest, EachHoleTakesItsFilling) {
  std::string page = "<p>Hello " + Hole("name") + "</p><input value=\"" + Hole("csrf") + "\"><p>" +
                     Hole("name") + "</p>" + Hole("comments");
  EXPECT_EQ(FillHoles(page, {{"name", "Ann"}, {"csrf", "t0k"}, {"comments", "<ol></ol>"}}),
            "<p>Hello Ann</p><input value=\"t0k\"><p>Ann</p><ol></ol>");
  EXPECT_EQ(FillHoles(page, {}), "<p>Hello </p><input value=\"\"><p></p>")
      << "an unknown or unfilled hole is left out, never shown";
}

TEST(PageHolesTest, AMarkWithoutTheSecretIsNotAHole) {
  // A story that contains the marks and a hole's name does not receive a reader's token.
  std::string forged = "a\x01csrf\x01 b";
  EXPECT_EQ(FillHoles(forged, {{"csrf", "SECRET"}}), forged);
  EXPECT_EQ(FillHoles("\x01 unclosed " + Hole("name"), {{"name", "N"}}), "\x01 unclosed N");
  EXPECT_EQ(FillHoles("plain", {{"name", "N"}}), "plain");
  EXPECT_EQ(FillHoles("", {{"name", "N"}}), "");
}

}  // namespace
}  // namespace dateline::web
