// dateline import wordpress, on both stores, through the real binary: the small export
// written for these tests (tests/fixtures/imports/wordpress-small.xml: threads, drafts,
// pages, an attachment, the trash, a duplicate slug, scripts, broken HTML, bytes that are
// not UTF-8) comes in as the report says, inert, with its old addresses redirecting; a dry
// run writes nothing; a second run adds nothing; and 2,000 stories with 5,000 comments
// come through the progress bar whole, though the first run is killed partway.

#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "harness.hpp"
#include "test_images.hpp"

namespace dateline::testing {
namespace {

std::string Fixture() { return SourceDir() + "/tests/fixtures/imports/wordpress-small.xml"; }

TEST(ImportWordPressTest, ADryRunReportsEverythingAndWritesNothing) {
  TestSite site;
  RunOk(site, {"migrate"});
  int64_t stories = site.QueryInt("SELECT COUNT(*) FROM articles");
  auto dry = RunDateline(site.With({"import", "wordpress", Fixture(), "--dry-run"}));
  ASSERT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_NE(dry.output.find("Dry run (nothing was written)"), std::string::npos) << dry.output;
  EXPECT_EQ(ImportRow(dry.output, "stories"), (std::vector<int>{4, 0, 1})) << dry.output;
  EXPECT_EQ(ImportRow(dry.output, "comments"), (std::vector<int>{3, 0, 0})) << dry.output;
  EXPECT_EQ(ImportRow(dry.output, "redirects"), (std::vector<int>{6, 0, 0})) << dry.output;
  for (const char* said :
       {"post 105: refused: \"No text at all\" has no text",
        "post 103: the slug \"geneva-truce-talks\" was taken: it came in as "
        "\"geneva-truce-talks-2\"",
        "post 2: skipped: a WordPress page", "post 106: skipped: status \"trash\"",
        "<script> removed", "a link that was not http, https or mailto was removed",
        "4 byte(s) that were not UTF-8", "2 pingback(s), trackback(s) or spam comment(s)"}) {
    EXPECT_NE(dry.output.find(said), std::string::npos) << said << "\n" << dry.output;
  }
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM articles"), stories);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM comments"), 0);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM redirects"), 0);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM imported_items"), 0);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM authors"), 0);
  // Not an export at all: refused before anything, saying what was expected.
  std::ofstream(site.File("not.xml")) << "<html><body>hello</body></html>";
  auto wrong = RunDateline(site.With({"import", "wordpress", site.File("not.xml")}));
  EXPECT_EQ(wrong.exit_code, 2) << wrong.output;
  EXPECT_NE(wrong.output.find("not a WordPress export"), std::string::npos) << wrong.output;
}

TEST(ImportWordPressTest, TheArchiveComesInInertWithThreadsImagesAndOldAddresses) {
  TestSite site;
  RunOk(site, {"migrate"});
  // A reader who has an account here: their old comment becomes theirs.
  RunOk(site, {"user", "add", "subscriber@reader.example", "--name", "Sam Subscriber"});
  TempDir uploads;
  std::filesystem::create_directories(uploads.File("2016/08"));
  std::ofstream(uploads.File("2016/08/geneva-talks.jpg"), std::ios::binary) << MakeJpeg(640, 480);
  auto run = RunDateline(
      site.With({"import", "wordpress", Fixture(), "--media", uploads.path(), "--batch", "2"}));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(ImportRow(run.output, "stories"), (std::vector<int>{4, 0, 1})) << run.output;
  EXPECT_EQ(ImportRow(run.output, "images"), (std::vector<int>{1, 0, 1})) << run.output;
  EXPECT_NE(run.output.find("missing.jpg"), std::string::npos);  // reported, kept as a link

  // Stories: statuses, times, slugs, filing.
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM articles WHERE status = 'published' AND slug IN "
                          "('geneva-truce-talks', 'geneva-truce-talks-2', 'hostile')"),
            3);
  EXPECT_EQ(site.QueryInt("SELECT published_at FROM articles WHERE slug = 'geneva-truce-talks'"),
            1472240700);  // 2016-08-26T19:45:00Z
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM articles WHERE slug = 'an-unfinished-draft' AND "
                          "status = 'draft'"),
            1);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM articles a JOIN sections s ON s.id = "
                          "a.section_id WHERE s.name = 'World'"),
            2);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM authors WHERE name IN ('Matthew Lee', 'Ana "
                          "Gómez')"),
            2);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM tags WHERE name IN ('Syria', 'Diplomacy')"), 2);
  // Nothing active came in, in any story's text.
  for (const char* bad : {"<script", "javascript:", "onclick", "<iframe", "<style", "<svg"}) {
    EXPECT_EQ(site.QueryInt(std::string("SELECT COUNT(*) FROM articles WHERE body_markdown LIKE "
                                        "'%") +
                            bad + "%' OR headline LIKE '%" + bad + "%'"),
              0)
        << bad;
  }

  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  uint16_t port = server->port();
  auto story = Fetch(port, "GET", "/articles/geneva-truce-talks");
  ASSERT_EQ(story->status, 200);
  EXPECT_NE(story->body.find("<strong>technical talks</strong>"), std::string::npos);
  EXPECT_NE(story->body.find("<h2>What comes next</h2>"), std::string::npos) << story->body;
  EXPECT_NE(story->body.find("<li>A ceasefire in <em>Aleppo</em></li>"), std::string::npos);
  EXPECT_NE(story->body.find("<picture"), std::string::npos);  // from the uploads folder
  EXPECT_NE(story->body.find("href=\"https://courier.example/wp-content/uploads/2016/08/"
                             "missing.jpg\""),
            std::string::npos);
  // The thread: a top comment by the account with that email, a reply to it by name.
  EXPECT_NE(story->body.find("Sam Subscriber"), std::string::npos);
  EXPECT_NE(story->body.find("Jo Reader"), std::string::npos);
  EXPECT_EQ(story->body.find("Waiting for a moderator"), std::string::npos);  // held
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM comments c JOIN comments p ON p.id = c.parent_id "
                          "WHERE c.former_author = 'Jo Reader' AND p.user_id IS NOT NULL"),
            1);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM comments WHERE status = 'pending' AND "
                          "former_author = ''"),
            1);  // a bidi-override name is not shown: "Former reader"
  auto hostile = Fetch(port, "GET", "/articles/hostile");
  ASSERT_EQ(hostile->status, 200);
  for (const char* bad : {"alert(", "javascript:", "onclick", "steal()", "evil.example"}) {
    EXPECT_EQ(hostile->body.find(bad), std::string::npos) << bad;
  }
  EXPECT_NE(hostile->body.find("&lt;b&gt;not bold&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(hostile->body.find("# Not a heading, *not emphasis*"), std::string::npos);
  EXPECT_NE(hostile->body.find("Non-UTF-8 here: caf\xEF\xBF\xBD"), std::string::npos);

  // Old addresses answer 301 with the new one.
  for (const auto& [old, now] : std::vector<std::pair<std::string, std::string>>{
           {"/2016/08/26/geneva-truce-talks/", "/articles/geneva-truce-talks"},
           {"/2016/09/02/geneva-truce-talks", "/articles/geneva-truce-talks-2"},
           {"/?p=102", "/articles/hostile"},
           {"/?p=101&utm_source=feed", "/articles/geneva-truce-talks"}}) {
    auto r = Fetch(port, "GET", old);
    EXPECT_EQ(r->status, 301) << old;
    EXPECT_EQ(r->Header("location"), now) << old;
  }
  EXPECT_EQ(Fetch(port, "GET", "/2016/01/01/never-there/")->status, 404);
  EXPECT_EQ(Fetch(port, "GET", "/?p=999")->status, 200);  // the front page, as WordPress
  // A draft has no old address that leads readers to it.
  EXPECT_EQ(Fetch(port, "GET", "/?p=104")->status, 200);

  // Again: nothing is added twice.
  auto again = RunDateline(site.With({"import", "wordpress", Fixture()}));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(ImportRow(again.output, "stories"), (std::vector<int>{0, 4, 1})) << again.output;
  EXPECT_EQ(ImportRow(again.output, "comments"), (std::vector<int>{0, 3, 0})) << again.output;
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM comments"), 3);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM redirects"), 6);
}

// A WordPress export of `posts` posts, each with `comments_each` comments (every third a
// reply), written as Tools > Export writes them.
void WriteLargeExport(const std::string& path, int posts, int comments_per_post_times_two) {
  std::ofstream out(path);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" "
         "xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" "
         "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<title>Big</title>\n"
         "<link>https://big.example</link>\n<wp:wxr_version>1.2</wp:wxr_version>\n"
         "<wp:author><wp:author_login>desk</wp:author_login><wp:author_display_name>News "
         "Desk</wp:author_display_name></wp:author>\n";
  int comment_id = 100000;
  for (int i = 1; i <= posts; ++i) {
    out << "<item><title><![CDATA[Story number " << i << "]]></title>"
        << "<link>https://big.example/2015/03/" << (i % 28 + 1) << "/story-" << i << "/</link>"
        << "<dc:creator>desk</dc:creator><content:encoded><![CDATA[<p>First paragraph of story "
        << i << ", with <a href=\"https://big.example/\">a link</a>.</p>\n\nSecond paragraph.\n\n"
        << "<p>Third, <em>emphasised</em>.</p>]]></content:encoded>"
        << "<wp:post_id>" << i << "</wp:post_id><wp:post_date_gmt>2015-03-01 "
        << (i % 24 < 10 ? "0" : "") << i % 24 << ":00:00</wp:post_date_gmt>"
        << "<wp:post_name>story-" << i << "</wp:post_name><wp:status>publish</wp:status>"
        << "<wp:post_type>post</wp:post_type>"
        << "<category domain=\"category\" nicename=\"s\"><![CDATA[Section " << i % 5
        << "]]></category><category domain=\"post_tag\" nicename=\"t\"><![CDATA[Tag " << i % 40
        << "]]></category>\n";
    // 2 or 3 comments: 5,000 over 2,000 posts.
    int count = (i * comments_per_post_times_two / 2) - ((i - 1) * comments_per_post_times_two / 2);
    int first = comment_id + 1;
    for (int c = 0; c < count; ++c) {
      ++comment_id;
      out << "<wp:comment><wp:comment_id>" << comment_id
          << "</wp:comment_id><wp:comment_author>Reader " << comment_id
          << "</wp:comment_author><wp:comment_date_gmt>2015-03-02 10:00:00</wp:comment_date_gmt>"
          << "<wp:comment_content><![CDATA[Comment " << comment_id
          << "]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
          << "<wp:comment_parent>" << (c == 2 ? first : 0) << "</wp:comment_parent></wp:comment>";
    }
    out << "</item>\n";
  }
  out << "</channel>\n</rss>\n";
}

TEST(ImportWordPressTest, TwoThousandStoriesComeInWholeThoughTheFirstRunIsKilled) {
  TestSite site;
  RunOk(site, {"migrate"});
  std::string file = site.File("big.xml");
  WriteLargeExport(file, 2000, 5);
  // Killed once the progress bar has passed 30% of the file.
  {
    RunningCommand first(site.With({"import", "wordpress", file, "--batch", "50"}));
    auto percent = [&first] {
      std::string out = first.Output();
      int most = 0;
      std::smatch m;
      for (auto it = out.cbegin(); std::regex_search(it, out.cend(), m, std::regex(" ([0-9]+)%"));
           it = m.suffix().first) {
        most = std::max(most, std::stoi(m[1]));
      }
      return most;
    };
    ASSERT_TRUE(WaitFor([&] { return percent() >= 30; }, std::chrono::seconds(120)))
        << first.Output();
    first.Signal(SIGKILL);
    EXPECT_EQ(first.Wait(), -1);
  }
  int64_t partway = site.QueryInt("SELECT COUNT(*) FROM articles");
  EXPECT_GT(partway, 0);
  EXPECT_LT(partway, 2000);
  // Whole batches only: every story in has all its comments.
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM comments"),
            site.QueryInt("SELECT COUNT(*) FROM imported_items WHERE kind = 'comment'"));
  auto second = RunDateline(site.With({"import", "wordpress", file, "--batch", "200"}));
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("100%"), std::string::npos);  // the progress bar, to its end
  auto stories = ImportRow(second.output, "stories");
  ASSERT_EQ(stories.size(), 3u) << second.output;
  EXPECT_EQ(stories[0] + stories[1], 2000);
  EXPECT_EQ(stories[1], partway);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM articles WHERE status = 'published'"), 2000);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(DISTINCT slug) FROM articles"), 2000);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM comments"), 5000);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM comments WHERE parent_id IS NOT NULL"),
            site.QueryInt("SELECT COUNT(*) FROM comments WHERE thread_id IS NOT NULL"));
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM redirects"), 4000);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM sections"), 5);
  EXPECT_EQ(site.QueryInt("SELECT COUNT(*) FROM tags"), 40);
  // The site serves them: the old address of the last one leads to it.
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  auto old = Fetch(server->port(), "GET", "/2015/03/13/story-2000/");
  ASSERT_EQ(old->status, 301);
  auto story = Fetch(server->port(), "GET", old->Header("location"));
  ASSERT_EQ(story->status, 200);
  EXPECT_NE(story->body.find("Story number 2000"), std::string::npos);
}

}  // namespace
}  // namespace dateline::testing
