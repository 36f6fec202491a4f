// The paywall never leaks: every representation of a subscribers-only article, fetched as
// anonymous, registered, lapsed subscriber and active subscriber; the hidden paragraphs
// reach only the active subscriber, and only where the article is read.

#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

constexpr const char* kHidden[] = {"HIDDENZEBRA", "HIDDENWALRUS"};

// The same story with its paragraphs separated as CommonMark allows: an empty line, a
// line of spaces or tabs (text pasted from a word processor), several lines.
constexpr const char* kGaps[] = {"\n\n", "\n \n", "\n\t\n", "\n   \t\n\n"};

TEST(PaywallLeakTest, HiddenParagraphsReachOnlyTheActiveSubscriberInEveryRepresentation) {
  TestSite site;
  ASSERT_EQ(RunDateline(site.With({"migrate"})).exit_code, 0);
  std::vector<std::string> slugs;
  for (size_t i = 0; i < std::size(kGaps); ++i) {
    std::string gap = kGaps[i];
    std::string slug = i == 0 ? "secret" : "secret-" + std::to_string(i);
    std::ofstream(site.File(slug + ".md"))
        << "---\nheadline: The subscribers' story " << i << "\nslug: " << slug
        << "\naccess: subscribers\ndek: A dek that anyone may read.\n---\n"
        << "VISIBLEAARDVARK opens the story." << gap << "VISIBLEBADGER follows." << gap
        << "HIDDENZEBRA is for subscribers." << gap << "HIDDENWALRUS too, [with a link](/x).\n";
    ASSERT_EQ(RunDateline(site.With({"article", "publish", site.File(slug + ".md")})).exit_code, 0)
        << slug;
    slugs.push_back(slug);
  }
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);

  struct Reader {
    const char* name;
    const char* email;
    bool full;
    Browser browser;
  };
  uint16_t port = server->port();
  Reader readers[] = {{"anonymous", nullptr, false, Browser(port)},
                      {"registered", "registered@example.org", false, Browser(port)},
                      {"lapsed", "lapsed@example.org", false, Browser(port)},
                      {"active", "active@example.org", true, Browser(port)}};
  for (auto& r : readers) {
    if (!r.email) continue;
    std::string password = OneTimePasswordIn(RunDateline(site.With({"user", "add", r.email})));
    ASSERT_FALSE(password.empty());
    ASSERT_EQ(r.browser.LogInFirstTime(r.email, password).status, 303);
  }
  for (const char* email : {"lapsed@example.org", "active@example.org"}) {
    ASSERT_EQ(RunDateline(site.With({"subscription", "grant", email, "--plan", "digital-monthly",
                                     "--until", "2099-01-01"}))
                  .exit_code,
              0);
  }
  ASSERT_EQ(RunDateline(site.With({"subscription", "revoke", "lapsed@example.org"})).exit_code, 0);

  // Where the article is read: its page and the API give the active subscriber all of it.
  std::vector<std::string> read_views;
  for (const auto& slug : slugs) {
    for (std::string view : {"/articles/", "/api/articles/"}) read_views.push_back(view + slug);
  }
  read_views.push_back("/articles/secret?print=1");
  // Everything else carries only public text: the same for everyone, or (search) what
  // this reader may read, which for a reader without access is the public text.
  const char* public_views[] = {"/",
                                "/feed.xml",
                                "/sitemap.xml",
                                "/sitemaps/stories-0.xml",
                                "/robots.txt",
                                "/api/articles",
                                "/search?q=story",
                                "/search?q=subscribers",
                                "/search?q=hiddenzebra",
                                "/search?q=%22with+a+link%22",
                                "/articles/secret/",
                                "/subscribe",
                                "/static/../articles/secret"};
  for (auto& r : readers) {
    for (const std::string& path : read_views) {
      auto page = r.browser.Get(path);
      ASSERT_EQ(page.status, 200) << r.name << " " << path;
      EXPECT_NE(page.body.find("VISIBLEAARDVARK"), std::string::npos) << r.name << " " << path;
      EXPECT_NE(page.body.find("VISIBLEBADGER"), std::string::npos) << r.name << " " << path;
      for (const char* hidden : kHidden) {
        EXPECT_EQ(page.body.find(hidden) != std::string::npos, r.full)
            << r.name << " " << path << " " << hidden;
      }
    }
    for (const char* path : public_views) {
      if (r.full && std::string_view(path).rfind("/search", 0) == 0) continue;  // below
      auto page = r.browser.Get(path);
      for (const char* hidden : kHidden) {
        EXPECT_EQ(page.body.find(hidden), std::string::npos)
            << r.name << " " << path << " leaks " << hidden;
        for (const auto& [name, value] : page.headers) {
          EXPECT_EQ(value.find(hidden), std::string::npos) << r.name << " " << path << " " << name;
        }
      }
    }
    // Searching for the hidden words finds the story only for a reader who may read it
    // in full: for everyone else there is nothing to find, so no oracle for guessing.
    for (const char* q : {"HIDDENZEBRA", "hiddenwalrus", "\"hiddenwalrus\""}) {
      auto found = r.browser.Get("/search?q=" + FormEncode({{"", q}}).substr(1));
      EXPECT_EQ(found.status, 200);
      EXPECT_EQ(found.body.find("/articles/secret\"") != std::string::npos, r.full)
          << r.name << " " << q;
      EXPECT_EQ(found.body.find("No stories match") != std::string::npos, !r.full)
          << r.name << " " << q;
    }
    // HEAD carries no body, and its headers nothing hidden either.
    for (const auto& slug : slugs) {
      auto head = Fetch(port, "HEAD", "/articles/" + slug);
      ASSERT_TRUE(head);
      for (const auto& [name, value] : head->headers)
        EXPECT_EQ(value.find("HIDDEN"), std::string::npos) << name;
    }
  }

  // The public views do work: the feed and the search find the article by its public text,
  // and a search for hidden words finds nothing (no oracle for guessing them).
  Browser anyone(port);
  EXPECT_NE(anyone.Get("/feed.xml").body.find("VISIBLEAARDVARK"), std::string::npos);
  EXPECT_NE(anyone.Get("/sitemaps/stories-0.xml").body.find("/articles/secret"), std::string::npos);
  EXPECT_NE(anyone.Get("/search?q=visiblebadger").body.find("/articles/secret"), std::string::npos);
  for (const auto& slug : slugs) {
    auto api = anyone.Get("/api/articles/" + slug);
    EXPECT_EQ(api.Header("content-type"), "application/json; charset=utf-8");
    EXPECT_NE(api.body.find("\"full_text\":false"), std::string::npos) << slug;
    EXPECT_EQ(api.body.find("HIDDEN"), std::string::npos) << slug;
  }
  EXPECT_NE(readers[3].browser.Get("/api/articles/secret").body.find("\"full_text\":true"),
            std::string::npos);
  auto missing = anyone.Get("/api/articles/no-such-story");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("\"error\""), std::string::npos);
}

TEST(SearchTest, HostileAndOversizedQueriesGetAClearAnswer) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  struct Case {
    std::string query;
    int status;
    const char* says;
  } cases[] = {
      {"%25", 200, "No stories match"},  // a literal %, not a LIKE wildcard
      {"_", 200, "No stories match"},
      {"%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200, "&lt;script&gt;"},
      {"%FF%FE", 400, "could not be read"},
      {std::string(300, 'a'), 400, "200 characters"},
      {"geneva", 200, "One story matches"},
      {"GENEVA", 200, "One story matches"},
  };
  for (const auto& c : cases) {
    auto r = Fetch(server->port(), "GET", "/search?q=" + c.query);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, c.status) << c.query;
    EXPECT_NE(r->body.find(c.says), std::string::npos) << c.query;
    EXPECT_EQ(r->body.find("<script>alert"), std::string::npos) << c.query;
  }
}

}  // namespace
}  // namespace dateline::testing
