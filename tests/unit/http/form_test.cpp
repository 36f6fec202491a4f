#include "http/form.hpp"

#include <gtest/gtest.h>

#include "http/cookies.hpp"

namespace dateline::http {
namespace {

TEST(FormTest, DecodesFields) {
  auto f = Form::Parse("email=a%40b.org&name=Ann+Lee&empty=&flag&dup=1&dup=2&q=5%C2%BD");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->Value("email"), "a@b.org");
  EXPECT_EQ(f->Value("name"), "Ann Lee");
  EXPECT_TRUE(f->Has("empty"));
  EXPECT_TRUE(f->Has("flag"));
  EXPECT_EQ(f->Value("dup"), "1");
  EXPECT_EQ(f->Value("q"), "5\xC2\xBD");
  EXPECT_FALSE(f->Has("missing"));
  EXPECT_TRUE(Form::Parse("")->fields().empty());
}

TEST(FormTest, RejectsBadEncodingAndNonUtf8) {
  for (const char* bad : {"a=%", "a=%4", "a=%zz", "a=%FF%FE", "%C0%AF=x"}) {
    auto f = Form::Parse(bad);
    ASSERT_FALSE(f.ok()) << bad;
    EXPECT_EQ(f.error().code, core::ErrorCode::kInvalidArgument);
  }
  std::string many;
  for (int i = 0; i < 70; ++i) many += "f" + std::to_string(i) + "=1&";
  EXPECT_FALSE(Form::Parse(many).ok());
}

TEST(FormTest, EncodesRoundTrip) {
  std::string text = "a b&c=d/é";
  EXPECT_EQ(PercentEncode(text), "a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(*PercentDecode(PercentEncode(text), false), text);
}

TEST(CookiesTest, ReadsAndWrites) {
  EXPECT_EQ(CookieValue("a=1; dl_session=xyz; b=2", "dl_session"), "xyz");
  EXPECT_EQ(CookieValue("dl_session_other=1", "dl_session"), std::nullopt);
  EXPECT_EQ(CookieValue("x=\"quoted\"", "x"), "quoted");
  CookieOptions o;
  o.secure = true;
  o.max_age = 60;
  EXPECT_EQ(SetCookieHeader("__Host-s", "v", o),
            "__Host-s=v; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Lax");
}

}  // namespace
}  // namespace dateline::http

namespace dateline::http {
namespace {

TEST(FormTest, RepairingKeepsTheWordsAndMarksWhatIsNotText) {
  bool repaired = false;
  auto form = Form::ParseRepairing("body=bad+%FF%FE+bytes&ok=yes", repaired);
  ASSERT_TRUE(form.ok());
  EXPECT_TRUE(repaired);
  EXPECT_EQ(form->Value("body"), "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
  EXPECT_EQ(form->Value("ok"), "yes");
  auto clean = Form::ParseRepairing("a=%C3%A9", repaired);
  ASSERT_TRUE(clean.ok());
  EXPECT_FALSE(repaired);
  EXPECT_FALSE(Form::ParseRepairing("a=%zz", repaired).ok()) << "bad escapes still fail";
  EXPECT_FALSE(Form::Parse("body=%FF").ok()) << "the strict parse still refuses";
}

}  // namespace
}  // namespace dateline::http
