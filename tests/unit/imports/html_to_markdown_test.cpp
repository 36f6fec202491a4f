#include "imports/html_to_markdown.hpp"

#include <gtest/gtest.h>

#include "articles/markdown.hpp"

namespace dateline::imports {
namespace {

std::string Md(std::string_view html) { return HtmlToMarkdown(html, nullptr).markdown; }

TEST(HtmlToMarkdownTest, BlankLinesAreParagraphsAndNewlinesBreaks) {
  EXPECT_EQ(Md("One\nstill one.\n\nTwo."), "One\\\nstill one.\n\nTwo.");
  EXPECT_EQ(Md("<p>A</p><p>B <strong>bold</strong> and <em>it</em></p>"),
            "A\n\nB **bold** and *it*");
}

TEST(HtmlToMarkdownTest, BlocksKeepTheirShape) {
  EXPECT_EQ(Md("<h1>Top</h1><h3>Sub</h3>"), "## Top\n\n### Sub");
  EXPECT_EQ(Md("<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>"), "- a\n- b\n\n  - c");
  EXPECT_EQ(Md("<ol><li>one</li><li>two</li></ol>"), "1. one\n2. two");
  EXPECT_EQ(Md("<blockquote><p>q1</p><p>q2</p></blockquote>"), "> q1\n>\n> q2");
  EXPECT_EQ(Md("<pre>int a = `b`;\n```x```</pre>"), "````\nint a = `b`;\n```x```\n````");
  EXPECT_EQ(Md("<p>x</p><hr><p>y</p>"), "x\n\n* * *\n\ny");
}

TEST(HtmlToMarkdownTest, TextStaysText) {
  std::string md =
      Md("<p># not a heading *x* _y_ [z](w) &lt;b&gt; 1. &amp;copy;</p><p>2) no list</p>");
  std::string html = articles::RenderMarkdown(md);
  EXPECT_NE(html.find("# not a heading *x* _y_ [z](w) &lt;b&gt; 1. &amp;copy;"), std::string::npos)
      << md << "\n"
      << html;
  EXPECT_NE(html.find("2) no list"), std::string::npos) << html;
  EXPECT_EQ(html.find("<h1"), std::string::npos);
  EXPECT_EQ(html.find("<ol"), std::string::npos);
}

TEST(HtmlToMarkdownTest, NothingActiveSurvivesAndEachDropIsNoted) {
  auto out = HtmlToMarkdown(
      "<p onclick=\"x()\">Hi <a href=\"javascript:alert(1)\">there</a>"
      "<script>alert(2)</script></p><style>p{}</style>"
      "<iframe src=\"https://video.example/e/1\"></iframe><iframe src=\"javascript:1\"></iframe>"
      "<img src=\"data:image/png;base64,AAAA\" alt=\"x\">",
      nullptr);
  EXPECT_EQ(out.markdown, "Hi there\n\n[Embedded media](https://video.example/e/1)");
  std::string notes;
  for (const auto& n : out.notes) notes += n + "\n";
  for (const char* said : {"<script> removed (1)", "<style> removed (1)", "<iframe> removed (1)",
                           "a link that was not http", "an image with an address",
                           "an embedded frame became a link"}) {
    EXPECT_NE(notes.find(said), std::string::npos) << said << "\n" << notes;
  }
}

TEST(HtmlToMarkdownTest, ImagesAreResolvedOrKeptAsLinks) {
  auto resolve = [](const ImageFound& i) -> std::optional<std::string> {
    if (i.src.find("here.jpg") != std::string::npos) return "/media/abc";
    return std::nullopt;
  };
  EXPECT_EQ(
      HtmlToMarkdown("<img src=\"https://o.example/here.jpg\" alt=\"A [b]\">", resolve).markdown,
      "![A \\[b\\]](/media/abc)");
  EXPECT_EQ(
      HtmlToMarkdown("<img src=\"https://o.example/gone (1).jpg\" alt=\"Map\">", resolve).markdown,
      "[Image: Map](https://o.example/gone%20%281%29.jpg)");
}

TEST(HtmlToMarkdownTest, WordPressShortcodes) {
  auto out = HtmlToMarkdown(
      "[caption id=\"a\" align=\"x\"]<img src=\"https://o.example/p.jpg\" alt=\"P\"> A caption"
      "[/caption]\n\n[gallery ids=\"1,2\"]\n\nAfter.",
      nullptr);
  EXPECT_EQ(out.markdown, "[Image: P](https://o.example/p.jpg) A caption\n\nAfter.");
  ASSERT_FALSE(out.notes.empty());
  EXPECT_EQ(out.notes[0], "a [gallery] shortcode was removed");
}

TEST(HtmlToMarkdownTest, BrokenAndDeepHtmlEndsWell) {
  EXPECT_EQ(Md("<p>Broken <b>bold <i>and</p> after"), "Broken **bold *and***\n\nafter");
  // Nesting past what we follow is kept as text; past what libxml2 parses (256 levels)
  // the parser stops, and nothing breaks.
  for (int levels : {200, 5000}) {
    std::string deep;
    for (int i = 0; i < levels; ++i) deep += "<blockquote>";
    deep += "deep";
    std::string md = Md(deep);
    if (levels == 200) {
      EXPECT_NE(md.find("deep"), std::string::npos);
    }
    EXPECT_LT(md.size(), 20000u);
  }
}

TEST(HtmlToTextTest, TagsGoParagraphsStay) {
  EXPECT_EQ(HtmlToText("Good <b>news</b>.<script>x()</script><p>Second</p>line<br>break"),
            "Good news.\n\nSecond\n\nline\nbreak");
  EXPECT_EQ(HtmlToText("  a &amp; b  "), "a & b");
}

}  // namespace
}  // namespace dateline::imports
