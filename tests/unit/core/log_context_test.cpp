#include "core/log_context.hpp"

#include <gtest/gtest.h>

namespace dateline::core {
namespace {

TEST(RedactSecretsTest, HidesPasswordsInUrlsAndKeepsTheRest) {
  EXPECT_EQ(RedactSecrets("cannot open postgres://news:hunter2@db.internal:5432/news: refused"),
            "cannot open postgres://news:***@db.internal:5432/news: refused");
  EXPECT_EQ(RedactSecrets("smtp://user:p%40ss@mail:587"), "smtp://user:***@mail:587");
  // No password, nothing to hide.
  EXPECT_EQ(RedactSecrets("postgres://news@db/news"), "postgres://news@db/news");
  EXPECT_EQ(RedactSecrets("https://example.org/a:b/c@d"), "https://example.org/a:b/c@d");
  EXPECT_EQ(RedactSecrets("sqlite:///var/lib/dateline/dateline.db"),
            "sqlite:///var/lib/dateline/dateline.db");
}

TEST(RedactSecretsTest, HidesKeysAndBearerTokens) {
  EXPECT_EQ(RedactSecrets("stripe said no to sk_live_51Habc123 today"),
            "stripe said no to sk_live_*** today");
  EXPECT_EQ(RedactSecrets("secret whsec_abcDEF-123="), "secret whsec_***");
  EXPECT_EQ(RedactSecrets("Authorization: Bearer eyJhbGciOi.xyz"), "Authorization: Bearer ***");
  EXPECT_EQ(RedactSecrets("key dlk_0123abcd"), "key dlk_***");
  // Inside a word it is no key; a bare prefix is nothing.
  EXPECT_EQ(RedactSecrets("task_live_x mask_test_y"), "task_live_x mask_test_y");
  EXPECT_EQ(RedactSecrets("sk_live_ alone"), "sk_live_ alone");
  EXPECT_EQ(RedactSecrets(""), "");
}

TEST(LogContextTest, ScopesNestAndRestore) {
  EXPECT_EQ(CurrentLogContext().request_id, "");
  {
    ScopedRequestId outer("a1");
    EXPECT_EQ(CurrentLogContext().request_id, "a1");
    {
      ScopedRequestId inner("b2");
      EXPECT_EQ(CurrentLogContext().request_id, "b2");
    }
    EXPECT_EQ(CurrentLogContext().request_id, "a1");
    std::vector<LogField> fields = {{"status", "200", true}};
    {
      ScopedLogFields with(fields);
      EXPECT_EQ(CurrentLogContext().fields, &fields);
    }
    EXPECT_EQ(CurrentLogContext().fields, nullptr);
  }
  EXPECT_EQ(CurrentLogContext().request_id, "");
}

}  // namespace
}  // namespace dateline::core
