// DKIM's relaxed canonicalization (RFC 6376 §3.4.2, §3.4.4 and its example in §3.4.5).
// That a signature verifies is tested end to end with dkimpy (newsletter_dkim_test).

#include "mail/dkim.hpp"

#include <gtest/gtest.h>

namespace dateline::mail {
namespace {

TEST(DkimTest, RelaxedHeadersAreLowercasedUnfoldedAndSqueezed) {
  // RFC 6376 §3.4.5: "A: X" and "B : Y\t\r\n\tZ  " become "a:X" and "b:Y Z".
  EXPECT_EQ(DkimRelaxedHeader("A", " X"), "a:X");
  EXPECT_EQ(DkimRelaxedHeader("B ", " Y\t\r\n\tZ  "), "b:Y Z");
  EXPECT_EQ(DkimRelaxedHeader("Subject", "  two   words\t "), "subject:two words");
  EXPECT_EQ(DkimRelaxedHeader("X", ""), "x:");
}

TEST(DkimTest, RelaxedBodiesDropTrailingSpaceAndEmptyLines) {
  // RFC 6376 §3.4.5's body: " C \r\nD \t E\r\n\r\n\r\n" becomes " C\r\nD E\r\n".
  EXPECT_EQ(DkimRelaxedBody(" C \r\nD \t E\r\n\r\n\r\n"), " C\r\nD E\r\n");
  EXPECT_EQ(DkimRelaxedBody(""), "");
  EXPECT_EQ(DkimRelaxedBody("\r\n\r\n"), "");
  EXPECT_EQ(DkimRelaxedBody("no final line break"), "no final line break\r\n");
  EXPECT_EQ(DkimRelaxedBody("a\r\n\r\nb\r\n"), "a\r\n\r\nb\r\n");  // inner blank lines stay
}

TEST(DkimTest, AMissingOrWrongKeyFileIsRefusedWithItsName) {
  auto missing = DkimSigner::Load("/nonexistent/key.pem", "example.org", "s1");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("/nonexistent/key.pem"), std::string::npos);
  auto not_pem = DkimSigner::Load("/etc/hostname", "example.org", "s1");
  ASSERT_FALSE(not_pem.ok());
  EXPECT_NE(not_pem.error().message.find("not a PEM private key"), std::string::npos);
}

}  // namespace
}  // namespace dateline::mail
