// The newsroom over HTTP: /admin for staff only, the story list, the editor (write, save,
// preview, conflicts), the workflow's moves, revisions with a diff, the trash; each role
// against the pages, with the stored rows checked through what readers get.

#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "harness.hpp"
#include "xss_corpus.hpp"

namespace dateline::testing {
namespace {

class NewsroomPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ServerProcess::Start(site_);
    ASSERT_NE(server_, nullptr);
  }
  Browser& SignedIn(const std::string& name, const std::string& role) {
    browsers_.push_back(SignedInAs(site_, *server_, name, role));
    return *browsers_.back();
  }
  // The story id in a "Location: /admin/articles/ID?..." answer.
  static std::string IdIn(const HttpResponse& r) {
    std::string at = r.Header("location");
    size_t start = std::string("/admin/articles/").size();
    return at.rfind("/admin/articles/", 0) == 0 ? at.substr(start, at.find('?') - start) : "";
  }
  // The value of the hidden base_revision field in an editor page.
  static std::string BaseRevisionIn(const std::string& html) {
    size_t at = html.find("name=\"base_revision\" value=\"");
    if (at == std::string::npos) return "";
    at += 28;
    return html.substr(at, html.find('"', at) - at);
  }
  static std::vector<std::pair<std::string, std::string>> Fields(const std::string& headline,
                                                                 const std::string& body,
                                                                 const std::string& base = "") {
    return {{"headline", headline}, {"slug", ""},   {"dek", ""},
            {"dateline", "GENEVA"}, {"byline", ""}, {"access", "free"},
            {"published", ""},      {"body", body}, {"action", "save"},
            {"base_revision", base}};
  }
  int Status(const std::string& path) { return Fetch(server_->port(), "GET", path)->status; }

  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
  std::vector<std::unique_ptr<Browser>> browsers_;
};

TEST_F(NewsroomPagesTest, StaffHomeAndTheMastheadLinkAreForStaffOnly) {
  Browser anonymous(server_->port());
  auto to_login = anonymous.Get("/admin");
  EXPECT_EQ(to_login.status, 303);
  EXPECT_EQ(to_login.Header("location").rfind("/login", 0), 0u);
  Browser& reader = SignedIn("reader", "reader");
  EXPECT_EQ(reader.Get("/admin").status, 403);
  EXPECT_EQ(reader.Get("/admin/articles").status, 403);
  EXPECT_EQ(reader.Get("/").body.find("href=\"/admin\""), std::string::npos);
  Browser& moderator = SignedIn("moderator", "moderator");
  auto mod_home = moderator.Get("/admin");
  EXPECT_EQ(mod_home.status, 200);
  EXPECT_NE(mod_home.body.find("/admin/comments"), std::string::npos);
  EXPECT_EQ(mod_home.body.find("/admin/articles"), std::string::npos) << "no stories desk";
  EXPECT_EQ(moderator.Get("/admin/articles").status, 403);
  Browser& admin = SignedIn("admin", "admin");
  auto home = admin.Get("/admin");
  EXPECT_EQ(home.status, 200);
  for (const char* link : {"/admin/articles", "/admin/comments", "/admin/members", "/admin/plans",
                           "/admin/requests", "/admin/gifts", "/admin/pages", "/admin/settings"}) {
    EXPECT_NE(home.body.find(std::string("href=\"") + link), std::string::npos) << link;
  }
  EXPECT_NE(home.body.find("0 stories wait for review"), std::string::npos);
  auto settings = admin.Get("/admin/settings");
  EXPECT_EQ(settings.status, 200);
  EXPECT_NE(settings.body.find("<code>time_zone</code>"), std::string::npos);
  EXPECT_NE(settings.body.find("Offline: requests, grants and gift codes"), std::string::npos);
  EXPECT_EQ(moderator.Get("/admin/settings").status, 403);
  EXPECT_EQ(mod_home.body.find("/admin/settings"), std::string::npos);
  EXPECT_NE(admin.Get("/").body.find("href=\"/admin\""), std::string::npos);
}

TEST_F(NewsroomPagesTest, AContributorSubmitsAnEditorEditsPublishesAndTakesDown) {
  Browser& writer = SignedIn("writer", "contributor");
  Browser& editor = SignedIn("editor", "editor");
  // A refused form keeps what was typed.
  auto empty = writer.Submit("/admin/articles/new", "/admin/articles/new",
                             Fields("", "Text that must survive"));
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("Text that must survive"), std::string::npos);
  auto created = writer.Submit("/admin/articles/new", "/admin/articles/new",
                               Fields("Ceasefire talks resume", "The first paragraph.\n"));
  ASSERT_EQ(created.status, 303) << created.body;
  std::string id = IdIn(created);
  ASSERT_FALSE(id.empty());
  std::string editor_path = "/admin/articles/" + id;
  EXPECT_EQ(Status("/articles/ceasefire-talks-resume"), 404) << "a draft is not on the site";
  auto writer_page = writer.Get(editor_path);
  EXPECT_NE(writer_page.body.find("Submit for review"), std::string::npos);
  EXPECT_EQ(writer_page.body.find("Publish now"), std::string::npos) << "not a contributor's";
  // Publishing is refused to the contributor even when asked directly.
  auto refused = writer.Submit(editor_path, editor_path + "/move", {{"to", "published"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(Status("/articles/ceasefire-talks-resume"), 404);
  ASSERT_EQ(writer.Submit(editor_path, editor_path + "/move", {{"to", "review"}}).status, 303);
  EXPECT_NE(editor.Get("/admin").body.find("1 story waits for review"), std::string::npos);
  auto review_list = editor.Get("/admin/articles?status=review");
  EXPECT_NE(review_list.body.find("Ceasefire talks resume"), std::string::npos);
  EXPECT_NE(review_list.body.find("1 story"), std::string::npos);
  // Two people save from one revision: the second sees both texts and loses nothing.
  std::string base = BaseRevisionIn(editor.Get(editor_path).body);
  ASSERT_FALSE(base.empty());
  ASSERT_EQ(writer
                .Submit(editor_path, editor_path,
                        Fields("Ceasefire talks resume", "Paragraph by the writer.\n", base))
                .status,
            303);
  auto conflict =
      editor.Submit(editor_path, editor_path,
                    Fields("Ceasefire talks resume", "Paragraph by the editor.\n", base));
  EXPECT_EQ(conflict.status, 409);
  EXPECT_NE(conflict.body.find("Paragraph by the writer."), std::string::npos);
  EXPECT_NE(conflict.body.find("Paragraph by the editor."), std::string::npos);
  std::string merged_base = BaseRevisionIn(conflict.body);
  ASSERT_NE(merged_base, base);
  ASSERT_EQ(
      editor
          .Submit(editor_path, editor_path,
                  Fields("Ceasefire talks resume",
                         "Paragraph by the writer.\n\nParagraph by the editor.\n", merged_base))
          .status,
      303);
  // The preview is the reader's page of the unpublished story.
  auto preview = editor.Get(editor_path + "/preview");
  EXPECT_EQ(preview.status, 200);
  EXPECT_NE(preview.body.find("Paragraph by the editor."), std::string::npos);
  EXPECT_NE(preview.body.find("Preview of a story that is In review"), std::string::npos);
  EXPECT_EQ(Fetch(server_->port(), "GET", editor_path + "/preview")->status, 303)
      << "anonymous visitors are sent to sign in";
  // Revisions: three saves, and the diff of the last two names the added words.
  auto revisions = editor.Get(editor_path + "/revisions");
  EXPECT_NE(revisions.body.find("3 revisions"), std::string::npos);
  EXPECT_NE(revisions.body.find("<ins>Paragraph by the editor.\n</ins>"), std::string::npos)
      << revisions.body;
  // Publish, then unpublish: 200, then 410 for readers.
  ASSERT_EQ(editor.Submit(editor_path, editor_path + "/move", {{"to", "published"}}).status, 303);
  EXPECT_EQ(Status("/articles/ceasefire-talks-resume"), 200);
  ASSERT_EQ(editor
                .Submit(editor_path, editor_path + "/move",
                        {{"to", "unpublished"}, {"note", "Legal asked"}})
                .status,
            303);
  EXPECT_EQ(Status("/articles/ceasefire-talks-resume"), 410);
  auto history = editor.Get(editor_path);
  EXPECT_NE(history.body.find("published → unpublished by editor"), std::string::npos);
  EXPECT_NE(history.body.find("Legal asked"), std::string::npos);
  // The trash, and back.
  ASSERT_EQ(editor.Submit(editor_path, editor_path + "/trash", {}).status, 303);
  EXPECT_NE(editor.Get("/admin/articles?status=trash").body.find("Ceasefire talks resume"),
            std::string::npos);
  EXPECT_EQ(writer.Submit(editor_path, editor_path + "/restore", {}).status, 403);
  ASSERT_EQ(editor.Submit(editor_path, editor_path + "/restore", {}).status, 303);
}

TEST_F(NewsroomPagesTest, ScheduledStoriesWaitForTheirTimeAndForeignFormsAreRefused) {
  Browser& editor = SignedIn("editor", "editor");
  auto created = editor.Submit("/admin/articles/new", "/admin/articles/new",
                               Fields("Election night", "Results tonight.\n"));
  ASSERT_EQ(created.status, 303);
  std::string path = "/admin/articles/" + IdIn(created);
  auto past =
      editor.Submit(path, path + "/move", {{"to", "scheduled"}, {"at", "2001-01-01T10:00"}});
  EXPECT_EQ(past.status, 400);
  EXPECT_NE(past.body.find("Choose a publication time in the future."), std::string::npos);
  auto bad_time = editor.Submit(path, path + "/move", {{"to", "scheduled"}, {"at", "soon"}});
  EXPECT_EQ(bad_time.status, 400);
  ASSERT_EQ(
      editor.Submit(path, path + "/move", {{"to", "scheduled"}, {"at", "2099-11-03T20:00"}}).status,
      303);
  EXPECT_EQ(Status("/articles/election-night"), 404);
  auto page = editor.Get(path);
  EXPECT_NE(page.body.find("Scheduled"), std::string::npos);
  EXPECT_NE(page.body.find("Publish now"), std::string::npos);
  // Without the form's token nothing moves.
  auto forged = editor.Post(path + "/move", "to=published");
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(Status("/articles/election-night"), 404);
  EXPECT_EQ(editor.Get("/admin/articles/999999").status, 404);
  EXPECT_EQ(editor.Get("/admin/articles/abc").status, 404);
}

TEST_F(NewsroomPagesTest, CorrectionsShowOnTheStoryTheCorrectionsPageTheFeedAndJsonLd) {
  Browser& editor = SignedIn("editor", "editor");
  Browser& author = SignedIn("author", "author");
  auto created = editor.Submit("/admin/articles/new", "/admin/articles/new",
                               Fields("Truce holds", "The truce began on Friday.\n"));
  ASSERT_EQ(created.status, 303);
  std::string path = "/admin/articles/" + IdIn(created);
  // A draft takes no correction: its text is simply edited.
  auto early = editor.Submit(path, path + "/corrections", {{"kind", "correction"}, {"text", "x"}});
  EXPECT_EQ(early.status, 403);
  ASSERT_EQ(editor.Submit(path, path + "/move", {{"to", "published"}}).status, 303);
  // A typo fixed by a save adds no note.
  std::string base = BaseRevisionIn(editor.Get(path).body);
  ASSERT_EQ(
      editor.Submit(path, path, Fields("Truce holds", "The truce began on Friday.\n", base)).status,
      303);
  EXPECT_EQ(
      Fetch(server_->port(), "GET", "/articles/truce-holds")->body.find("class=\"correction\""),
      std::string::npos);
  EXPECT_EQ(author
                .Submit("/admin/articles", path + "/corrections",
                        {{"kind", "correction"}, {"text", "Not mine to say"}})
                .status,
            403);
  auto bad = editor.Submit(path, path + "/corrections", {{"kind", "correction"}, {"text", "  "}});
  EXPECT_EQ(bad.status, 400);
  ASSERT_EQ(
      editor
          .Submit(path, path + "/corrections",
                  {{"kind", "correction"}, {"text", "The truce began on Saturday, not <Friday>."}})
          .status,
      303);
  bool shown = false;
  HttpResponse story;
  for (int i = 0; i < 100 && !shown; ++i) {  // this node's cache empties at once
    story = *Fetch(server_->port(), "GET", "/articles/truce-holds");
    shown =
        story.body.find("The truce began on Saturday, not &lt;Friday&gt;.") != std::string::npos;
  }
  EXPECT_TRUE(shown);
  EXPECT_NE(story.body.find("\"@type\":\"CorrectionComment\""), std::string::npos);
  auto list = Fetch(server_->port(), "GET", "/corrections");
  EXPECT_NE(list->body.find("Truce holds"), std::string::npos);
  EXPECT_NE(list->body.find("not &lt;Friday&gt;"), std::string::npos);
  auto feed = Fetch(server_->port(), "GET", "/corrections.xml");
  EXPECT_EQ(feed->Header("content-type"), "application/rss+xml; charset=utf-8");
  EXPECT_NE(feed->body.find("<title>Correction: Truce holds</title>"), std::string::npos);
  EXPECT_EQ(Fetch(server_->port(), "GET", "/corrections?after=bogus")->status, 400);
}

TEST_F(NewsroomPagesTest, TheSitesOwnPagesExistFromTheStartAndAdminsEditThem) {
  auto front = Fetch(server_->port(), "GET", "/");
  for (const char* page : {"about", "contact", "privacy", "terms", "comments-policy"}) {
    std::string path = std::string("/") + page;
    EXPECT_NE(front->body.find("href=\"" + path + "\""), std::string::npos) << "footer: " << path;
    EXPECT_EQ(Status(path), 200) << path;
  }
  EXPECT_NE(Fetch(server_->port(), "GET", "/privacy")->body.find("What we record"),
            std::string::npos);
  Browser& editor = SignedIn("editor", "editor");
  EXPECT_EQ(editor.Get("/admin/pages/about").status, 403) << "pages are the admins'";
  Browser& admin = SignedIn("admin", "admin");
  auto list = admin.Get("/admin/pages");
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("/admin/pages/terms"), std::string::npos);
  EXPECT_EQ(admin.Get("/admin/pages/nope").status, 404);
  auto saved = admin.Submit("/admin/pages/about", "/admin/pages/about",
                            {{"title", "About the Dateline"}, {"body", "Founded in 2026."}});
  EXPECT_EQ(saved.status, 303);
  auto about = Fetch(server_->port(), "GET", "/about");
  EXPECT_NE(about->body.find("About the Dateline"), std::string::npos);
  EXPECT_NE(about->body.find("Founded in 2026."), std::string::npos);
  auto refused = admin.Submit("/admin/pages/about", "/admin/pages/about",
                              {{"title", ""}, {"body", "Kept text"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("Kept text"), std::string::npos) << "the form keeps what was typed";
}

TEST_F(NewsroomPagesTest, AdminsGiveRolesAtMembersAndTheNewRoleTakesEffectAtOnce) {
  std::string email = UniqueEmail("rookie");
  std::string password = OneTimePasswordIn(RunDateline(site_.With({"user", "add", email})));
  Browser rookie(server_->port());
  ASSERT_EQ(rookie.LogInFirstTime(email, password).status, 303);
  EXPECT_EQ(rookie.Get("/admin/articles").status, 403);
  Browser& editor = SignedIn("editor", "editor");
  EXPECT_EQ(editor
                .Submit("/admin/articles", "/admin/members/role",
                        {{"email", email}, {"role", "admin"}, {"q", ""}})
                .status,
            403)
      << "roles are the admins'";
  Browser& admin = SignedIn("admin", "admin");
  auto members = admin.Get("/admin/members?q=" + email);
  EXPECT_NE(members.body.find("<option value=\"contributor\">contributor</option>"),
            std::string::npos);
  auto changed = admin.Submit("/admin/members?q=" + email, "/admin/members/role",
                              {{"email", email}, {"role", "contributor"}, {"q", email}});
  EXPECT_EQ(changed.status, 303);
  EXPECT_EQ(rookie.Get("/admin/articles").status, 200) << "the same session, the new role";
  auto bogus = admin.Submit("/admin/members", "/admin/members/role",
                            {{"email", email}, {"role", "emperor"}, {"q", ""}});
  EXPECT_EQ(bogus.status, 400);
  std::string other_admin = UniqueEmail("peer");
  RunDateline(site_.With({"user", "add", other_admin, "--role", "admin"}));
  auto peer = admin.Submit("/admin/members", "/admin/members/role",
                           {{"email", other_admin}, {"role", "reader"}, {"q", ""}});
  EXPECT_EQ(peer.status, 403);
  EXPECT_NE(peer.body.find("You cannot change a role as high as yours or higher."),
            std::string::npos);
  auto list = RunDateline(site_.With({"user", "list"}));
  EXPECT_NE(list.output.find("contributor"), std::string::npos) << list.output;
}

TEST_F(NewsroomPagesTest, APreviewLinkShowsTheDraftToSomeoneWithoutAnAccount) {
  Browser& writer = SignedIn("writer", "contributor");
  auto created = writer.Submit("/admin/articles/new", "/admin/articles/new",
                               Fields("Embargoed report", "Not yet for readers.\n"));
  ASSERT_EQ(created.status, 303);
  std::string path = "/admin/articles/" + IdIn(created);
  auto shared = writer.Submit(path, path + "/share", {{"days", "7"}});
  ASSERT_EQ(shared.status, 200);
  size_t at = shared.body.find("/preview/");
  ASSERT_NE(at, std::string::npos);
  std::string link = shared.body.substr(at, shared.body.find('"', at) - at);
  size_t amp;
  while ((amp = link.find("&amp;")) != std::string::npos) link.replace(amp, 5, "&");
  auto seen = Fetch(server_->port(), "GET", link);
  ASSERT_EQ(seen->status, 200);
  EXPECT_NE(seen->body.find("Not yet for readers."), std::string::npos);
  EXPECT_NE(seen->body.find("this story is not published"), std::string::npos);
  EXPECT_EQ(seen->Header("referrer-policy"), "no-referrer");
  EXPECT_NE(seen->Header("cache-control").find("no-store"), std::string::npos);
  std::string tampered = link;
  tampered.back() = tampered.back() == 'a' ? 'b' : 'a';
  EXPECT_EQ(Fetch(server_->port(), "GET", tampered)->status, 404);
  EXPECT_EQ(Status("/articles/embargoed-report"), 404) << "the story itself stays unpublished";
  EXPECT_EQ(writer.Submit(path, path + "/share", {{"days", "365"}}).status, 400);
}

// Anonymous, a reader and the five staff roles against every story action over HTTP, on
// stories they did not write; what happened is read back from what readers get.
TEST_F(NewsroomPagesTest, EveryRoleAgainstEveryStoryActionOverHttp) {
  Browser& admin = SignedIn("chief", "admin");
  struct Who {
    const char* role;  // empty: anonymous
    bool list, open, edit, publish, unpublish, trash, correct;
  } const cases[] = {
      {"", false, false, false, false, false, false, false},
      {"reader", false, false, false, false, false, false, false},
      {"contributor", true, false, false, false, false, false, false},
      {"author", true, false, false, false, false, false, false},
      {"moderator", false, false, false, false, false, false, false},
      {"editor", true, true, true, true, true, true, true},
      {"admin", true, true, true, true, true, true, true},
  };
  int n = 0;
  for (const auto& who : cases) {
    SCOPED_TRACE(*who.role ? who.role : "anonymous");
    std::unique_ptr<Browser> anonymous;
    Browser* b = nullptr;
    if (*who.role) {
      b = &SignedIn(std::string(who.role) + std::to_string(n), who.role);
    } else {
      anonymous = std::make_unique<Browser>(server_->port());
      b = anonymous.get();
    }
    std::string tag = std::to_string(++n);
    auto draft = admin.Submit("/admin/articles/new", "/admin/articles/new",
                              Fields("Draft " + tag, "Draft text " + tag + ".\n"));
    auto live = admin.Submit("/admin/articles/new", "/admin/articles/new",
                             Fields("Live " + tag, "Live text " + tag + ".\n"));
    std::string draft_path = "/admin/articles/" + IdIn(draft);
    std::string live_path = "/admin/articles/" + IdIn(live);
    ASSERT_EQ(admin.Submit(live_path, live_path + "/move", {{"to", "published"}}).status, 303);
    // A signed-out visitor is sent to sign in; everyone else refused gets 403.
    int refused = *who.role ? 403 : 303;
    auto expect = [&](bool allowed, int got, const char* what) {
      EXPECT_EQ(got, allowed
                         ? (std::string(what) == "open" || std::string(what) == "list" ? 200 : 303)
                         : refused)
          << what;
    };
    expect(who.list, b->Get("/admin/articles").status, "list");
    expect(who.open, b->Get(draft_path).status, "open");
    // Forms are posted with the visitor's own token, taken from a page they may open.
    std::string form_page = *who.role ? "/account" : "/login";
    expect(who.edit,
           b->Submit(form_page, draft_path,
                     Fields("Changed " + tag, "Changed text.\n",
                            BaseRevisionIn(admin.Get(draft_path).body)))
               .status,
           "edit");
    EXPECT_EQ(admin.Get(draft_path).body.find("Changed " + tag) != std::string::npos, who.edit);
    expect(who.publish, b->Submit(form_page, draft_path + "/move", {{"to", "published"}}).status,
           "publish");
    EXPECT_EQ(Status("/articles/draft-" + tag) == 200, who.publish);
    expect(who.correct,
           b->Submit(form_page, live_path + "/corrections",
                     {{"kind", "correction"}, {"text", "Fixed " + tag}})
               .status,
           "correct");
    EXPECT_EQ(Fetch(server_->port(), "GET", "/articles/live-" + tag)->body.find("Fixed " + tag) !=
                  std::string::npos,
              who.correct);
    expect(who.unpublish, b->Submit(form_page, live_path + "/move", {{"to", "unpublished"}}).status,
           "unpublish");
    EXPECT_EQ(Status("/articles/live-" + tag), who.unpublish ? 410 : 200);
    expect(who.trash, b->Submit(form_page, draft_path + "/trash", {}).status, "trash");
    EXPECT_EQ(
        admin.Get("/admin/articles?status=trash").body.find("Draft " + tag) != std::string::npos ||
            admin.Get("/admin/articles?status=trash").body.find("Changed " + tag) !=
                std::string::npos,
        who.trash);
  }
}

TEST(NewsroomTimeZoneTest, TimesAreShownInTheSitesZoneAndTheEditorReadsThemSo) {
  TestSite site;
  std::ofstream(site.File("zone.toml")) << "time_zone = \"America/New_York\"\n";
  auto server = ServerProcess::Start(site, {"--config", site.File("zone.toml")});
  ASSERT_NE(server, nullptr);
  // The demo story went out at 2016-08-26T19:45:00Z: 3:45 p.m. in New York, in summer.
  auto story = Fetch(server->port(), "GET", "/articles/kerry-lavrov-syria-truce");
  EXPECT_NE(story->body.find("Aug. 26, 2016 at 3:45 p.m. EDT"), std::string::npos);
  EXPECT_NE(story->body.find("datetime=\"2016-08-26T19:45:00Z\""), std::string::npos)
      << "machines keep UTC";
  std::string email = UniqueEmail("zone-editor");
  std::string password = OneTimePasswordIn(RunDateline(
      site.With({"user", "add", email, "--role", "editor", "--config", site.File("zone.toml")})));
  Browser editor(server->port());
  ASSERT_EQ(editor.LogInFirstTime(email, password).status, 303);
  auto created = editor.Submit("/admin/articles/new", "/admin/articles/new",
                               {{"headline", "Polls close"},
                                {"body", "Results soon.\n"},
                                {"access", "free"},
                                {"published", "2099-11-03T20:00"},
                                {"action", "save"}});
  ASSERT_EQ(created.status, 303);
  auto page = editor.Get(created.Header("location"));
  EXPECT_NE(page.body.find("value=\"2099-11-03T20:00:00\""), std::string::npos)
      << "what was typed, in the site's zone";
  EXPECT_NE(page.body.find("(America/New_York)"), std::string::npos);
  std::ofstream(site.File("bad-zone.toml")) << "time_zone = \"Mars/Olympus_Mons\"\n";
  auto bad = RunDateline(site.With({"migrate", "--config", site.File("bad-zone.toml")}));
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.output.find("time_zone"), std::string::npos) << bad.output;
}

TEST_F(NewsroomPagesTest, TheEditorsScriptKeepsTextWithoutRevisionsSaysWhoIsHereAndPreviews) {
  Browser& editor = SignedIn("editor", "editor");
  Browser& admin = SignedIn("admin", "admin");
  Browser& writer = SignedIn("writer", "contributor");
  auto created = editor.Submit("/admin/articles/new", "/admin/articles/new",
                               Fields("Budget vote", "First text.\n"));
  ASSERT_EQ(created.status, 303);
  std::string path = "/admin/articles/" + IdIn(created);
  std::string base = BaseRevisionIn(editor.Get(path).body);
  // Autosave: kept, no revision, and offered back on the next visit.
  for (int i = 0; i < 3; ++i) {
    auto kept =
        editor.Submit(path, path + "/autosave",
                      Fields("Budget vote", "Typing, take " + std::to_string(i) + ".\n", base));
    ASSERT_EQ(kept.status, 200) << kept.body;
    EXPECT_EQ(kept.Header("content-type"), "application/json");
    EXPECT_NE(kept.body.find("\"saved\":"), std::string::npos);
  }
  EXPECT_NE(editor.Get(path + "/revisions").body.find("1 revision"), std::string::npos)
      << "autosaves are not revisions";
  auto page = editor.Get(path);
  EXPECT_NE(page.body.find("was kept at"), std::string::npos);
  EXPECT_EQ(admin.Get(path).body.find("was kept at"), std::string::npos) << "only your own";
  auto restored = editor.Get(path + "?restore=autosave");
  EXPECT_NE(restored.body.find("Typing, take 2."), std::string::npos);
  EXPECT_EQ(BaseRevisionIn(restored.body), base);
  ASSERT_EQ(editor.Submit(path, path, Fields("Budget vote", "Typing, take 2.\n", base)).status,
            303);
  EXPECT_EQ(editor.Get(path).body.find("was kept at"), std::string::npos) << "saved: dropped";
  // Not the writer's story: no autosave, no preview of it, no heartbeat.
  EXPECT_EQ(writer.Submit("/account", path + "/autosave", Fields("x", "y")).status, 403);
  EXPECT_EQ(writer.Submit("/account", path + "/presence", {}).status, 403);
  auto forged = editor.Post(path + "/autosave", "headline=x&body=y");
  EXPECT_EQ(forged.status, 403) << "the form's token is required";
  // Presence: the admin opens it, and the editor's heartbeat names them.
  admin.Get(path);
  auto here = editor.Submit(path, path + "/presence", {});
  ASSERT_EQ(here.status, 200);
  EXPECT_NE(here.body.find("\"others\":[\"admin\"]"), std::string::npos) << here.body;
  EXPECT_NE(editor.Get(path).body.find("Also open by: <span>admin</span>"), std::string::npos);
  // The live preview: the reader's view of unsaved text, escaped like the page.
  auto live = editor.Submit(path, "/admin/articles/preview",
                            {{"id", IdIn(created)},
                             {"headline", "Live <b>headline</b>"},
                             {"dateline", "BERN"},
                             {"body", "Live text.\n\n<script>alert(1)</script>\n"},
                             {"access", "free"}});
  ASSERT_EQ(live.status, 200);
  EXPECT_NE(live.body.find("Live &lt;b&gt;headline&lt;/b&gt;"), std::string::npos) << live.body;
  EXPECT_NE(live.body.find("BERN</span> — Live text."), std::string::npos) << live.body;
  EXPECT_EQ(live.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(live.body.find("<html"), std::string::npos) << "a fragment, not a page";
}

// Every field of the newsroom, through every page that shows it: the editor, the list,
// the preview (saved and unsaved), the reader's page and its JSON-LD, /corrections and
// its feed, the story's history.
TEST_F(NewsroomPagesTest, XssPayloadsInEveryFieldComeBackInert) {
  Browser& editor = SignedIn("editor", "editor");
  int n = 0;
  for (const char* p : kXssPayloads) {
    SCOPED_TRACE(p);
    std::string payload = p;
    std::string headline = "Story " + std::to_string(++n) + " " + payload;
    std::vector<std::pair<std::string, std::string>> fields = {
        {"headline", headline}, {"slug", ""},
        {"dek", payload},       {"dateline", payload},
        {"byline", payload},    {"access", "subscribers"},
        {"published", ""},      {"body", payload + "\n\n" + payload + "\n\nThird."},
        {"action", "preview"},  {"base_revision", ""}};
    auto unsaved = editor.Submit("/admin/articles/new", "/admin/articles/new", fields);
    fields[8].second = "save";
    auto created = editor.Submit("/admin/articles/new", "/admin/articles/new", fields);
    ASSERT_EQ(created.status, 303) << created.body;
    std::string path = "/admin/articles/" + IdIn(created);
    ASSERT_EQ(editor.Submit(path, path + "/move", {{"to", "published"}, {"note", payload}}).status,
              303);
    ASSERT_EQ(
        editor.Submit(path, path + "/corrections", {{"kind", "clarification"}, {"text", payload}})
            .status,
        303);
    std::string slug = editor.Get(path).body;
    size_t at = slug.find("href=\"/articles/");
    ASSERT_NE(at, std::string::npos);
    slug = slug.substr(at + 6, slug.find('"', at + 6) - at - 6);
    std::vector<std::pair<std::string, std::string>> pages = {
        {"unsaved preview", unsaved.body},
        {"editor", editor.Get(path).body},
        {"preview", editor.Get(path + "/preview").body},
        {"revisions", editor.Get(path + "/revisions").body},
        {"list", editor.Get("/admin/articles").body},
        {"story", Fetch(server_->port(), "GET", slug)->body},
        {"corrections", Fetch(server_->port(), "GET", "/corrections")->body},
        {"feed", Fetch(server_->port(), "GET", "/corrections.xml")->body},
        {"rss", Fetch(server_->port(), "GET", "/feed.xml")->body},
    };
    for (const auto& [name, html] : pages) {
      EXPECT_FALSE(html.empty()) << name;
      for (const char* bad : kXssDangerous) EXPECT_EQ(html.find(bad), std::string::npos) << name;
      EXPECT_EQ(html.find("</script><"), std::string::npos) << name;
    }
  }
}

}  // namespace
}  // namespace dateline::testing
