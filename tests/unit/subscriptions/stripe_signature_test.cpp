#include "subscriptions/stripe_signature.hpp"

#include <gtest/gtest.h>

namespace dateline::subscriptions {
namespace {

constexpr const char* kSecret = "whsec_test_vector";
constexpr const char* kPayload = "{\"id\":\"evt_1\"}";
// HMAC-SHA256(kSecret, "1700000000." + kPayload), computed independently (Python's hmac).
constexpr const char* kKnownSignature =
    "b3c78703b86e6bb60c7a37f377195f11b293425a3776654c40bde164ff9f01cb";
constexpr int64_t kT = 1700000000;

TEST(StripeSignatureTest, MatchesAnIndependentlyComputedSignature) {
  EXPECT_EQ(StripeSignatureHeader(kPayload, kSecret, kT),
            std::string("t=1700000000,v1=") + kKnownSignature);
  EXPECT_TRUE(VerifyStripeSignature(std::string("t=1700000000,v1=") + kKnownSignature, kPayload,
                                    kSecret, kT + 10)
                  .ok());
}

TEST(StripeSignatureTest, AcceptsAnyOfSeveralV1SignaturesAndIgnoresOtherSchemes) {
  std::string header = "t=1700000000,v1=" + std::string(64, 'a') + ",v0=" + std::string(64, 'b') +
                       ",v1=" + kKnownSignature;
  EXPECT_TRUE(VerifyStripeSignature(header, kPayload, kSecret, kT).ok());
  EXPECT_FALSE(VerifyStripeSignature(std::string("t=1700000000,v0=") + kKnownSignature, kPayload,
                                     kSecret, kT)
                   .ok())
      << "only v1 counts";
}

TEST(StripeSignatureTest, RefusesTamperingWrongSecretsAndMalformedHeaders) {
  std::string good = StripeSignatureHeader(kPayload, kSecret, kT);
  EXPECT_FALSE(VerifyStripeSignature(good, "{\"id\":\"evt_2\"}", kSecret, kT).ok());
  EXPECT_FALSE(VerifyStripeSignature(good, kPayload, "whsec_other", kT).ok());
  EXPECT_FALSE(VerifyStripeSignature(good, kPayload, "", kT).ok()) << "no secret, no trust";
  // The timestamp is part of what is signed.
  std::string moved = good;
  moved.replace(2, 10, "1700000001");
  EXPECT_FALSE(VerifyStripeSignature(moved, kPayload, kSecret, kT).ok());
  for (const char* header : {"", "garbage", "t=,v1=", "v1=abc", "t=abc,v1=abc", "t=1700000000"}) {
    auto r = VerifyStripeSignature(header, kPayload, kSecret, kT);
    ASSERT_FALSE(r.ok()) << header;
    EXPECT_EQ(r.error().code, core::ErrorCode::kPermissionDenied);
  }
}

TEST(StripeSignatureTest, TimestampMustBeWithinFiveMinutes) {
  std::string header = StripeSignatureHeader(kPayload, kSecret, kT);
  EXPECT_TRUE(VerifyStripeSignature(header, kPayload, kSecret, kT + 300).ok());
  EXPECT_FALSE(VerifyStripeSignature(header, kPayload, kSecret, kT + 301).ok()) << "stale";
  EXPECT_TRUE(VerifyStripeSignature(header, kPayload, kSecret, kT - 300).ok());
  EXPECT_FALSE(VerifyStripeSignature(header, kPayload, kSecret, kT - 301).ok()) << "future";
}

}  // namespace
}  // namespace dateline::subscriptions
