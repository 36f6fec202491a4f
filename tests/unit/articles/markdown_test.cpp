#include "articles/markdown.hpp"

#include <gtest/gtest.h>

namespace dateline::articles {
namespace {

TEST(MarkdownTest, RendersParagraphsAndKeepsTypography) {
  std::string html = RenderMarkdown("“Quoted” — 5½ years.\n\nSecond *para*.\n");
  EXPECT_EQ(html, "<p>“Quoted” — 5½ years.</p>\n<p>Second <em>para</em>.</p>\n");
}

TEST(MarkdownTest, SafeModeDropsHostileMarkup) {
  struct Case {
    const char* markdown;
    const char* must_not_contain;
  } cases[] = {
      {"<script>alert(1)</script>", "<script"},
      {"hi <img src=x onerror=alert(1)>", "<img"},
      {"[x](javascript:alert(1))", "javascript:"},
      {"[x](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html"},
      {"<iframe src=//evil></iframe>", "<iframe"},
  };
  for (const auto& c : cases) {
    std::string html = RenderMarkdown(c.markdown);
    EXPECT_EQ(html.find(c.must_not_contain), std::string::npos) << c.markdown << " -> " << html;
  }
  EXPECT_NE(RenderMarkdown("a < b & c").find("a &lt; b &amp; c"), std::string::npos);
}

// GitHub's extensions newsrooms write, in safe mode still.
TEST(MarkdownTest, TablesStrikethroughAndAutolinks) {
  std::string table = RenderMarkdown("| Party | Seats |\n|---|--:|\n| Left | 12 |\n");
  EXPECT_NE(table.find("<table>"), std::string::npos) << table;
  EXPECT_NE(table.find("<th>Party</th>"), std::string::npos) << table;
  EXPECT_NE(table.find("<td align=\"right\">12</td>"), std::string::npos) << table;
  EXPECT_NE(RenderMarkdown("~~wrong~~ right").find("<del>wrong</del>"), std::string::npos);
  std::string links = RenderMarkdown("See www.example.org and https://example.org/a?b=1.");
  EXPECT_NE(links.find("<a href=\"http://www.example.org\">www.example.org</a>"), std::string::npos)
      << links;
  EXPECT_NE(links.find("<a href=\"https://example.org/a?b=1\">"), std::string::npos) << links;
  EXPECT_EQ(RenderMarkdown("| a |\n|---|\n| <script>x</script> |\n").find("<script"),
            std::string::npos);
  EXPECT_EQ(
      RenderMarkdown("javascript:alert(1) and www.javascript:alert(1)").find("href=\"javascript"),
      std::string::npos);
}

TEST(MarkdownTest, DatelineGoesIntoFirstParagraph) {
  EXPECT_EQ(PrependDateline("<p>Text.</p>\n<p>More.</p>\n", "GENEVA"),
            "<p><span class=\"dateline\">GENEVA</span> — Text.</p>\n<p>More.</p>\n");
  EXPECT_EQ(PrependDateline("<h2>x</h2>", "GENEVA"), "<h2>x</h2>");
  EXPECT_EQ(PrependDateline("<p>x</p>", ""), "<p>x</p>");
}

TEST(MarkdownTest, TheDatelineIsNeitherDoubledNorLost) {
  auto html = [](const char* md) { return PrependDateline(RenderMarkdown(md), "ST. LOUIS"); };
  // The body already starts with it: marked once, not printed twice.
  EXPECT_EQ(html("ST. LOUIS (AP) \u2014 The river rose.\n"),
            "<p><span class=\"dateline\">ST. LOUIS</span> (AP) \u2014 The river rose.</p>\n");
  EXPECT_EQ(html("St. Louis \u2014 The river rose.\n"),
            "<p><span class=\"dateline\">St. Louis</span> \u2014 The river rose.</p>\n");
  // A heading first: the dateline goes into the first paragraph after it.
  EXPECT_EQ(html("## Flood watch\n\nThe river rose.\n"),
            "<h2>Flood watch</h2>\n<p><span class=\"dateline\">ST. LOUIS</span> \u2014 The river "
            "rose.</p>\n");
  // Not into a quotation or a list that comes first.
  EXPECT_EQ(html("> A quote.\n\n- an item\n\nThe river rose.\n"),
            "<blockquote>\n<p>A quote.</p>\n</blockquote>\n<ul>\n<li>an item</li>\n</ul>\n<p><span "
            "class=\"dateline\">ST. LOUIS</span> \u2014 The river rose.</p>\n");
  // A word that merely begins like the place is not the dateline.
  EXPECT_EQ(html("ST. LOUISVILLE news.\n"),
            "<p><span class=\"dateline\">ST. LOUIS</span> \u2014 ST. LOUISVILLE news.</p>\n");
}

}  // namespace
}  // namespace dateline::articles

#include "articles/paywall.hpp"

namespace dateline::articles {
namespace {

TEST(PaywallTest, AccessByLevelAndReader) {
  Article free, registered, paid;
  registered.access = Access::kRegistered;
  paid.access = Access::kSubscribers;
  Reader anonymous{}, reader{true, false}, entitled{true, true};
  struct Case {
    const Article* article;
    Reader who;
    bool full;
  } cases[] = {
      {&free, anonymous, true},    {&free, reader, true},     {&registered, anonymous, false},
      {&registered, reader, true}, {&paid, anonymous, false}, {&paid, reader, false},
      {&paid, entitled, true},
  };
  for (const auto& c : cases) EXPECT_EQ(CanReadInFull(*c.article, c.who), c.full);
  accounts::User staff;
  staff.role = accounts::Role::kEditor;
  EXPECT_TRUE(ReaderFor(accounts::ActorFor(staff)).digital_access) << "staff read by role";
  accounts::User plain;
  EXPECT_FALSE(ReaderFor(accounts::ActorFor(plain)).digital_access);
  EXPECT_FALSE(ReaderFor(accounts::ActorFor(std::nullopt)).signed_in);
}

// A table is one block: the free part never stops inside it, nor shows a row past a cut.
TEST(PaywallTest, ATableIsOneBlockForTheCut) {
  Article a;
  a.access = Access::kSubscribers;
  a.body_markdown = "First.\n\n| a | b |\n|---|---|\n| SECRETROW | 2 |\n\nThird.\n";
  std::string free_part = PublicMarkdown(a, 1);
  EXPECT_EQ(free_part.find("SECRETROW"), std::string::npos) << free_part;
  EXPECT_EQ(RenderMarkdown(free_part).find("SECRETROW"), std::string::npos);
}

TEST(PaywallTest, FreePortionStopsAtParagraphs) {
  std::string md = "One.\n\nTwo\nstill two.\n\n\nThree.\n\nFour.\n";
  EXPECT_EQ(FreePortion(md, 2), "One.\n\nTwo\nstill two.\n");
  EXPECT_EQ(FreePortion(md, 0), "");
  EXPECT_NE(FreePortion(md, 10).find("Four."), std::string::npos);
}

}  // namespace
}  // namespace dateline::articles
