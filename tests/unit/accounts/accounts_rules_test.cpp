#include <gtest/gtest.h>

#include "accounts/email_address.hpp"
#include "accounts/one_time_code.hpp"
#include "accounts/password_policy.hpp"

namespace dateline::accounts {
namespace {

TEST(EmailAddressTest, NormalizesAndRejects) {
  EXPECT_EQ(NormalizeEmail("  Ann.Lee@Example.ORG "), "ann.lee@example.org");
  EXPECT_EQ(NormalizeEmail("a+tag@news.example.co.uk"), "a+tag@news.example.co.uk");
  for (const char* bad : {"", "plain", "@example.org", "a@", "a@b", "a@@b.org", "a b@c.org",
                          "a@b..org", ".a@b.org", "a@b.org\r\nBcc: x@y.org", "a@-b.org\x01"}) {
    EXPECT_EQ(NormalizeEmail(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(NormalizeEmail(std::string(65, 'a') + "@b.org"), std::nullopt);
}

TEST(OneTimeCodeTest, FormatsAndForgivesTyping) {
  std::string code = GenerateCode();
  ASSERT_EQ(code.size(), kCodeLength);
  for (char c : code) EXPECT_NE(kCodeAlphabet.find(c), std::string_view::npos);
  EXPECT_EQ(FormatCode("K7QF9M2DXP"), "K7QF9-M2DXP");
  EXPECT_EQ(NormalizeCode("k7qf9-m2dxp"), "K7QF9M2DXP");
  EXPECT_EQ(NormalizeCode(" K7QF9 M2DXP "), "K7QF9M2DXP");
  for (const char* bad : {"", "K7QF9", "K7QF9-M2DXPP", "K7QF0-M2DXP", "K7QF9-M2DX!"}) {
    EXPECT_EQ(NormalizeCode(bad), std::nullopt) << bad;
  }
}

TEST(PasswordPolicyTest, LengthListAndEmail) {
  auto policy = PasswordPolicy::Load(
      12, std::string(DATELINE_TEST_SOURCE_DIR) + "/content/security/common-passwords.txt");
  ASSERT_TRUE(policy.ok()) << policy.error().message;
  EXPECT_GT(policy->common_count(), 10000u);
  struct Case {
    std::string password;
    bool ok;
  } cases[] = {
      {"correct horse battery", true},
      {"短いけれど十分に長いパスワードです", true},  // any Unicode; counted in characters
      {"elevenchars", false},
      {"PASSWORD1234", false},  // on the list, whatever the case
      {"qwertyuiop123", false},
      {"aaaaaaaaaaaaaaaa", false},
      {"reader@example.org", false},
      {std::string(257, 'x') + "y", false},
      {"bad \xFF utf8 password", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(policy->Check(c.password, "reader@example.org").ok(), c.ok) << c.password;
  }
  EXPECT_EQ(PasswordPolicy(4).min_length(), PasswordPolicy::kFloor) << "never below 8";
}

}  // namespace
}  // namespace dateline::accounts
