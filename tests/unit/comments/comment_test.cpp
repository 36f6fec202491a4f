#include "comments/comment.hpp"

#include <gtest/gtest.h>

namespace dateline::comments {
namespace {

TEST(CommentTextTest, KeepsParagraphsAndLineBreaksAndEscapesEverythingElse) {
  EXPECT_EQ(RenderCommentHtml("First line\nsecond line\n\nNew <b>para</b> & \"quotes\""),
            "<p>First line<br>\nsecond line</p>\n"
            "<p>New &lt;b&gt;para&lt;/b&gt; &amp; &quot;quotes&quot;</p>\n");
  EXPECT_EQ(RenderCommentHtml("a\n\n\n\nb"), "<p>a</p>\n<p>b</p>\n");
}

TEST(CommentTextTest, LinksOnlyHttpUrlsWithUgcRelAndLeavesSentencePunctuationOut) {
  EXPECT_EQ(RenderCommentHtml("See https://example.org/a?b=1&c=2."),
            "<p>See <a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow ugc "
            "noopener\">https://example.org/a?b=1&amp;c=2</a>.</p>\n");
  EXPECT_EQ(RenderCommentHtml("(http://en.wikipedia.org/wiki/Geneva_(city))"),
            "<p>(<a href=\"http://en.wikipedia.org/wiki/Geneva_(city)\" rel=\"nofollow ugc "
            "noopener\">http://en.wikipedia.org/wiki/Geneva_(city)</a>)</p>\n");
  for (const char* inert : {"javascript:alert(1)", "data:text/html,<script>", "ftp://x.org",
                            "xhttps://x.org", "https://"}) {
    EXPECT_EQ(RenderCommentHtml(inert).find("<a "), std::string::npos) << inert;
  }
  // A quote cannot break out of the href.
  std::string html = RenderCommentHtml("https://x.org/\"onmouseover=alert(1)");
  EXPECT_EQ(html.find("\"onmouseover"), std::string::npos) << html;
  EXPECT_EQ(CountLinks("https://a.org and http://b.org but not ftp://c.org"), 2);
}

TEST(CommentTextTest, CleaningNormalizesAndRefusesWhatCannotBeStored) {
  EXPECT_EQ(*CleanCommentText("  Hello\r\nworld\r\x01\x7f  "), "Hello\nworld");
  EXPECT_FALSE(CleanCommentText("   \n\t ").ok());
  EXPECT_FALSE(CleanCommentText("bad \xff byte").ok());
  std::string long_ascii(kMaxCommentChars, 'a');
  EXPECT_TRUE(CleanCommentText(long_ascii).ok());
  EXPECT_FALSE(CleanCommentText(long_ascii + "a").ok());
  // Characters, not bytes: 5,000 two-byte letters are allowed.
  std::string accents;
  for (size_t i = 0; i < kMaxCommentChars; ++i) accents += "é";
  EXPECT_TRUE(CleanCommentText(accents).ok());
}

TEST(CommentSortTest, NamesRoundTripAndUnknownMeansNewest) {
  for (Sort s : {Sort::kNewest, Sort::kOldest, Sort::kRecommended})
    EXPECT_EQ(ParseSort(SortName(s)), s);
  EXPECT_EQ(ParseSort("<script>"), Sort::kNewest);
}

}  // namespace
}  // namespace dateline::comments
