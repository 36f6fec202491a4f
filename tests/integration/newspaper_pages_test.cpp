// The newspaper's structure over HTTP: editors arrange sections, tags and authors in
// /admin (others are refused; a refused form comes back with what was typed); a story
// filed in the editor shows its section as kicker, linked bylines and topics; section,
// tag and author pages and feeds list it; the navigation and cached pages follow a
// rename at once; 200 stories are reached through every list; the archive by month.

#include <gtest/gtest.h>

#include <fstream>

#include "accounts/actor.hpp"
#include "articles/article_service.hpp"
#include "articles/structure_service.hpp"
#include "core/clock.hpp"
#include "harness.hpp"
#include "store/db.hpp"

namespace dateline::testing {
namespace {

class NewspaperPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ServerProcess::Start(site_);
    ASSERT_NE(server_, nullptr);
  }
  Browser& SignedIn(const std::string& name, const std::string& role) {
    browsers_.push_back(SignedInAs(site_, *server_, name, role));
    return *browsers_.back();
  }
  HttpResponse Get(const std::string& path) { return *Fetch(server_->port(), "GET", path); }

  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
  std::vector<std::unique_ptr<Browser>> browsers_;
};

TEST_F(NewspaperPagesTest, EditorsArrangeTheStructureAndReadersFollowIt) {
  Browser& author = SignedIn("author", "author");
  EXPECT_EQ(author.Get("/admin/sections").status, 403);
  auto refused =
      author.Submit("/admin/articles/new", "/admin/sections", {{"id", "0"}, {"name", "Sport"}});
  EXPECT_EQ(refused.status, 403);
  Browser anonymous(server_->port());
  EXPECT_EQ(anonymous.Get("/admin/tags").status, 303);

  Browser& editor = SignedIn("editor", "editor");
  // The first start's sections are in the navigation; Sport is not yet.
  EXPECT_NE(Get("/").body.find("href=\"/section/world\""), std::string::npos);
  EXPECT_EQ(Get("/").body.find("href=\"/section/sport\""), std::string::npos);
  // A refused form keeps what was typed.
  auto empty = editor.Submit("/admin/sections", "/admin/sections",
                             {{"id", "0"}, {"name", " "}, {"description", "Games & <scores>"}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("The section name is required."), std::string::npos);
  EXPECT_NE(empty.body.find("Games &amp; &lt;scores&gt;"), std::string::npos);
  auto added = editor.Submit("/admin/sections", "/admin/sections",
                             {{"id", "0"},
                              {"name", "Sport"},
                              {"description", "Games and scores."},
                              {"position", "60"},
                              {"in_navigation", "1"}});
  EXPECT_EQ(added.status, 303);
  EXPECT_NE(Get("/").body.find("href=\"/section/sport\""), std::string::npos)
      << "the cached navigation follows";
  auto clash = editor.Submit("/admin/sections", "/admin/sections",
                             {{"id", "0"}, {"name", "Sport"}, {"position", "1"}});
  EXPECT_EQ(clash.status, 409);
  EXPECT_NE(clash.body.find("already has the address"), std::string::npos);

  // A story filed in the editor, published.
  auto created = editor.Submit("/admin/articles/new", "/admin/articles/new",
                               {{"headline", "Geneva wins the cup"},
                                {"slug", "geneva-wins"},
                                {"dek", "A late goal."},
                                {"dateline", "GENEVA"},
                                {"byline", ""},
                                {"access", "free"},
                                {"published", ""},
                                {"section", "sport"},
                                {"authors", "Ann Lee, Photographs by Bo Chen"},
                                {"tags", "Football, Geneva"},
                                {"body", "The final whistle blew at nine.\n"},
                                {"action", "save"}});
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 3000);
  std::string editor_path =
      created.Header("location").substr(0, created.Header("location").find('?'));
  EXPECT_EQ(editor.Submit(editor_path, editor_path + "/move", {{"to", "published"}}).status, 303);
  auto page = Get("/articles/geneva-wins");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<p class=\"kicker\"><a href=\"/section/sport\">Sport</a></p>"),
            std::string::npos);
  EXPECT_NE(page.body.find("By <a href=\"/author/ann-lee\" rel=\"author\">Ann Lee</a>"),
            std::string::npos);
  EXPECT_NE(page.body.find("Photographs by <a href=\"/author/bo-chen\">Bo Chen</a>"),
            std::string::npos);
  EXPECT_NE(page.body.find("<a href=\"/tag/football\" rel=\"tag\">Football</a>"),
            std::string::npos);
  EXPECT_NE(page.body.find("\"@type\":\"Person\",\"name\":\"Ann Lee\""), std::string::npos);
  EXPECT_NE(page.body.find("\"articleSection\":\"Sport\""), std::string::npos);
  // The editor shows the filing back.
  auto reopened = editor.Get(editor_path);
  EXPECT_NE(reopened.body.find("value=\"Ann Lee, Photographs by Bo Chen\""), std::string::npos);
  EXPECT_NE(reopened.body.find("value=\"sport\" selected"), std::string::npos);

  for (const char* list :
       {"/section/sport", "/author/ann-lee", "/author/bo-chen", "/tag/football", "/tag/geneva"}) {
    auto shelf = Get(list);
    EXPECT_EQ(shelf.status, 200) << list;
    EXPECT_NE(shelf.body.find("href=\"/articles/geneva-wins\""), std::string::npos) << list;
    auto feed = Get(std::string(list) + "/feed.xml");
    EXPECT_EQ(feed.status, 200) << list;
    EXPECT_NE(feed.Header("content-type").find("application/rss+xml"), std::string::npos);
    EXPECT_NE(feed.body.find("<link>http"), std::string::npos);
    EXPECT_NE(feed.body.find("/articles/geneva-wins</link>"), std::string::npos) << list;
    EXPECT_NE(feed.body.find("<dc:creator>Ann Lee</dc:creator>"), std::string::npos);
    EXPECT_NE(feed.body.find("<category>Sport</category>"), std::string::npos);
  }
  EXPECT_EQ(Get("/section/world").body.find("geneva-wins"), std::string::npos);
  // Google News: today's story, not the 2016 demo story.
  auto news = Get("/news-sitemap.xml");
  EXPECT_EQ(news.status, 200);
  EXPECT_NE(news.body.find("/articles/geneva-wins</loc><news:news><news:publication><news:name>"),
            std::string::npos);
  EXPECT_NE(news.body.find("<news:title>Geneva wins the cup</news:title>"), std::string::npos);
  EXPECT_EQ(news.body.find("kerry-lavrov"), std::string::npos);
  EXPECT_NE(Get("/robots.txt").body.find("/news-sitemap.xml"), std::string::npos);
  // The sitemap: an index of the site's pages and of its stories in groups by id.
  auto index = Get("/sitemap.xml");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("<sitemapindex "), std::string::npos);
  EXPECT_NE(index.body.find("/sitemaps/pages.xml</loc>"), std::string::npos);
  EXPECT_NE(index.body.find("/sitemaps/stories-0.xml</loc><lastmod>"), std::string::npos);
  auto stories = Get("/sitemaps/stories-0.xml");
  EXPECT_EQ(stories.status, 200);
  EXPECT_EQ(stories.Header("content-type"), "application/xml; charset=utf-8");
  EXPECT_NE(stories.body.find("/articles/geneva-wins</loc><lastmod>"), std::string::npos);
  EXPECT_NE(stories.body.find("/articles/kerry-lavrov"), std::string::npos);
  EXPECT_NE(Get("/sitemaps/pages.xml").body.find("/subscribe</loc>"), std::string::npos);
  for (const char* missing :
       {"/sitemaps/stories-1.xml", "/sitemaps/stories-00.xml", "/sitemaps/stories--1.xml",
        "/sitemaps/stories-x.xml", "/sitemaps/stories-99999999999999.xml", "/sitemaps/other.xml"}) {
    EXPECT_EQ(Get(missing).status, 404) << missing;
  }
  EXPECT_NE(Get("/section/sport").body.find("Games and scores."), std::string::npos);

  // A rename reaches the cached story page, the section front and the navigation.
  auto sections = editor.Get("/admin/sections");
  size_t row = sections.body.find("value=\"sport\"");
  ASSERT_NE(row, std::string::npos);
  size_t id_at = sections.body.rfind("name=\"id\" value=\"", row);
  std::string id =
      sections.body.substr(id_at + 17, sections.body.find('"', id_at + 17) - id_at - 17);
  EXPECT_EQ(editor
                .Submit("/admin/sections", "/admin/sections",
                        {{"id", id},
                         {"name", "Sports"},
                         {"slug", "sport"},
                         {"position", "60"},
                         {"in_navigation", "1"}})
                .status,
            303);
  EXPECT_NE(Get("/articles/geneva-wins").body.find(">Sports</a></p>"), std::string::npos);
  EXPECT_NE(Get("/").body.find(">Sports</a></li>"), std::string::npos);
  // Deleting it leaves the story, unfiled.
  EXPECT_EQ(editor.Submit("/admin/sections", "/admin/sections/" + id + "/delete", {}).status, 303);
  EXPECT_EQ(Get("/section/sport").status, 404);
  auto unfiled = Get("/articles/geneva-wins");
  EXPECT_EQ(unfiled.status, 200);
  EXPECT_EQ(unfiled.body.find("/section/sport"), std::string::npos);

  // Authors are edited the same way; tags are renamed.
  auto authors = editor.Get("/admin/authors");
  EXPECT_NE(authors.body.find("2 authors"), std::string::npos);
  // Bad addresses.
  EXPECT_EQ(Get("/section/no-such").status, 404);
  EXPECT_EQ(Get("/author/no-such/feed.xml").status, 404);
  EXPECT_EQ(Get("/tag/football?after=garbage").status, 400);
  EXPECT_EQ(Get("/tag/..%2F..").status, 404);
  EXPECT_EQ(Get("/archive/2026/13").status, 404);
  EXPECT_EQ(Get("/archive/26/01").status, 404);
}

TEST_F(NewspaperPagesTest, TwoHundredStoriesAreReachedThroughEveryList) {
  auto db = store::Open(site_.store_url(), {2});
  ASSERT_TRUE(db.ok()) << db.error().message;
  articles::ArticleStore store(**db);
  articles::StructureStore structure_store(**db);
  core::FakeClock clock(1'800'000'000);
  articles::ArticleService stories(store, clock);
  articles::StructureService structure(structure_store, clock);
  constexpr int kStories = 200;
  for (int i = 0; i < kStories; ++i) {
    articles::ArticleDraft d;
    d.slug = "story-" + std::to_string(i);
    d.headline = "Story number " + std::to_string(i);
    d.body_markdown = "Text.\n";
    // Three a day, from early 2024: several months, some stories sharing a second.
    d.published_at = 1'704'067'200 + (i / 3) * 86400 + (i % 3 == 2 ? 0 : 3600);
    auto filing = structure.Resolve(
        accounts::OperatorActor(), {"Business", i % 2 ? "Ann Lee" : "Bo Chen, Ann Lee", "Markets"});
    ASSERT_TRUE(filing.ok()) << filing.error().message;
    d.filing = *filing;
    ASSERT_TRUE(stories.Write(accounts::OperatorActor(), d, articles::Status::kPublished).ok());
  }
  for (const char* list : {"/section/business", "/tag/markets", "/author/ann-lee"}) {
    int pages = 0;
    auto seen = WalkStoryPages(server_->port(), list, &pages);
    EXPECT_EQ(seen.size(), static_cast<size_t>(kStories)) << list;
    EXPECT_EQ(pages, 10) << list << ": 20 to a page";
  }
  EXPECT_EQ(WalkStoryPages(server_->port(), "/author/bo-chen").size(), 100u);
  // The archive: every month links to its stories, which add up to all of them.
  auto archive = Get("/archive");
  ASSERT_EQ(archive.status, 200);
  std::set<std::string> from_months;
  int months = 0;
  for (size_t at = archive.body.find("href=\"/archive/"); at != std::string::npos;
       at = archive.body.find("href=\"/archive/", at + 1)) {
    std::string month = archive.body.substr(at + 6, archive.body.find('"', at + 6) - at - 6);
    ++months;
    auto in_month = WalkStoryPages(server_->port(), month);
    from_months.insert(in_month.begin(), in_month.end());
  }
  EXPECT_EQ(months, 4) << "January to March 2024, and the demo story's August 2016";
  EXPECT_EQ(from_months.size(), static_cast<size_t>(kStories + 1));
  EXPECT_NE(archive.body.find("January</a> <span class=\"archive-months__count\">93 stories"),
            std::string::npos);
  auto february = Get("/archive/2024/02");
  EXPECT_NE(february.body.find("February 2024"), std::string::npos);
}

// The headline of the front page's lead, and of its top stories in order.
std::string LeadOf(const std::string& html) {
  size_t at = html.find("lead-story__headline");
  if (at == std::string::npos) return "";
  at = html.find("\">", html.find("<a href=", at)) + 2;
  return html.substr(at, html.find("</a>", at) - at);
}

TEST_F(NewspaperPagesTest, EditorsPinOrderAndUnpinTheFrontAndTheCacheFollows) {
  for (int i = 1; i <= 6; ++i) {
    std::ofstream(site_.File("s.md"))
        << "---\nheadline: Story " << i << "\nslug: story-" << i
        << "\nsection: " << (i % 2 ? "Business" : "Politics") << "\npublished: 2026-01-0" << i
        << "T09:00:00Z\n---\nText.\n";
    ASSERT_EQ(RunDateline(site_.With({"article", "publish", site_.File("s.md")})).exit_code, 0);
  }
  EXPECT_EQ(LeadOf(Get("/").body), "Story 6") << "the newest leads when nothing is pinned";
  Browser& author = SignedIn("author", "author");
  EXPECT_EQ(author.Get("/admin/front").status, 403);
  EXPECT_EQ(
      author.Submit("/admin/articles", "/admin/front", {{"action", "pin"}, {"slug", "story-2"}})
          .status,
      403);
  Browser& editor = SignedIn("editor", "editor");
  // Pin two: the first pinned leads, the second is the first top story.
  EXPECT_EQ(editor.Submit("/admin/front", "/admin/front", {{"action", "pin"}, {"slug", "story-2"}})
                .status,
            303);
  EXPECT_EQ(editor.Submit("/admin/front", "/admin/front", {{"action", "pin"}, {"slug", "story-4"}})
                .status,
            303);
  auto front = Get("/").body;
  EXPECT_EQ(LeadOf(front), "Story 2");
  size_t top = front.find("top-stories");
  ASSERT_NE(top, std::string::npos);
  EXPECT_LT(front.find("Story 4", top), front.find("Story 6", top)) << "pinned before newest";
  // Order: story-4 up; it leads.
  EXPECT_EQ(
      editor.Submit("/admin/front", "/admin/front", {{"action", "up"}, {"slug", "story-4"}}).status,
      303);
  EXPECT_EQ(LeadOf(Get("/").body), "Story 4");
  // The whole plan at once, with a section block; a missing story is refused, naming it.
  auto refused = editor.Submit("/admin/front", "/admin/front",
                               {{"action", "save"}, {"pinned", "story-1\nno-such-story"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("no-such-story"), std::string::npos);
  EXPECT_EQ(LeadOf(Get("/").body), "Story 4") << "nothing changed";
  EXPECT_EQ(editor
                .Submit("/admin/front", "/admin/front",
                        {{"action", "save"},
                         {"pinned", "/articles/story-1\nstory-3"},
                         {"section", "politics"}})
                .status,
            303);
  front = Get("/").body;
  EXPECT_EQ(LeadOf(front), "Story 1");
  size_t block = front.find("id=\"block-politics\"");
  ASSERT_NE(block, std::string::npos) << "the Politics block";
  EXPECT_EQ(front.find("block-business"), std::string::npos);
  // Unpin everything: the newest leads again.
  for (const char* slug : {"story-1", "story-3"}) {
    EXPECT_EQ(
        editor.Submit("/admin/front", "/admin/front", {{"action", "unpin"}, {"slug", slug}}).status,
        303);
  }
  EXPECT_EQ(LeadOf(Get("/").body), "Story 6");
  // A pinned story taken down leaves the front at once.
  EXPECT_EQ(editor.Submit("/admin/front", "/admin/front", {{"action", "pin"}, {"slug", "story-5"}})
                .status,
            303);
  EXPECT_EQ(LeadOf(Get("/").body), "Story 5");
  ASSERT_EQ(RunDateline(site_.With({"article", "unpublish", "story-5"})).exit_code, 0);
  EXPECT_TRUE(WaitFor([&] { return LeadOf(Get("/").body) == "Story 6"; }))
      << "another process's change reaches the cached front page";
}

}  // namespace
}  // namespace dateline::testing
