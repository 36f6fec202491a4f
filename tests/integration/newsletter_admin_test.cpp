// The newsroom's side of newsletters, on both stores, through the pages an editor uses:
// add a newsletter, import a list by upload, send a story from its editor (preview as
// each reader gets it, a test to oneself, then to readers), watch the issue's progress,
// send a digest, download the members, keep a suppression list; readers are kept out.

#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

constexpr const char* kBoundary = "dateline-newsletter-import";

std::string Upload(const std::string& csrf, const std::string& newsletter, const std::string& csv) {
  std::string b = std::string("--") + kBoundary + "\r\n";
  b += "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n--" + kBoundary;
  b += "\r\nContent-Disposition: form-data; name=\"newsletter\"\r\n\r\n" + newsletter;
  b += std::string("\r\n--") + kBoundary +
       "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\n"
       "Content-Type: text/csv\r\n\r\n" +
       csv + "\r\n--" + kBoundary + "--\r\n";
  return b;
}

// Entities as our templates write them inside attributes.
std::string Unescape(std::string s) {
  for (auto [from, to] : {std::pair<std::string, std::string>{"&amp;", "&"},
                          {"&#x3D;", "="},
                          {"&#x2F;", "/"},
                          {"&#61;", "="},
                          {"&#47;", "/"}}) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
      s.replace(at, from.size(), to);
    }
  }
  return s;
}

class NewsletterAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ServerProcess::Start(site_);
    ASSERT_NE(server_, nullptr);
    editor_ = SignedInAs(site_, *server_, "editor", "editor");
  }
  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Browser> editor_;
};

TEST_F(NewsletterAdminTest, AnEditorRunsANewsletterFromThePages) {
  // Readers are kept out of every page.
  auto reader = SignedInAs(site_, *server_, "reader", "reader");
  EXPECT_EQ(reader->Get("/admin/newsletters").status, 403);
  EXPECT_EQ(reader->Get("/admin/newsletters/members.csv").status, 403);
  EXPECT_EQ(reader->Get("/admin/newsletters/send?article=kerry-lavrov-syria-truce").status, 403);

  // Added; a refused form keeps what was typed.
  auto refused = editor_->Submit("/admin/newsletters", "/admin/newsletters",
                                 {{"id", "0"}, {"name", "Morning"}, {"sender_address", "nope"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("value=\"nope\""), std::string::npos);
  auto added = editor_->Submit("/admin/newsletters", "/admin/newsletters",
                               {{"id", "0"},
                                {"name", "The Morning Briefing"},
                                {"description", "At seven."},
                                {"default_on", "on"}});
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_NE(added.body.find("Added The Morning Briefing."), std::string::npos);

  // A list uploaded.
  std::string a = UniqueEmail("list-a"), b = UniqueEmail("list-b");
  std::string csrf = CsrfIn(editor_->Get("/admin/newsletters").body);
  auto imported = editor_->Post(
      "/admin/newsletters/import",
      Upload(csrf, "the-morning-briefing",
             "email,name,consent\n" + a + ",A,2025-01-01\n" + b + ",B,2025-01-02\nbad,,\n"),
      {std::string("Content-Type: multipart/form-data; boundary=") + kBoundary});
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_NE(imported.body.find("3 lines read: 2 on the list, 0 kept out"), std::string::npos)
      << imported.body;

  // From the story's editor to the send page.
  auto story_id = site_.QueryInt("SELECT id FROM articles WHERE slug = 'kerry-lavrov-syria-truce'");
  auto editor_page = editor_->Get("/admin/articles/" + std::to_string(story_id));
  ASSERT_NE(editor_page.body.find("/admin/newsletters/send?article=kerry-lavrov-syria-truce"),
            std::string::npos);
  auto send = editor_->Get("/admin/newsletters/send?article=kerry-lavrov-syria-truce");
  ASSERT_EQ(send.status, 200);
  std::vector<std::pair<std::string, std::string>> fields = {
      {"newsletter", "the-morning-briefing"},
      {"articles", "kerry-lavrov-syria-truce"},
      {"subject", "Geneva talks"},
      {"segment", "all"},
      {"send_at", ""}};
  // Preview: the page frames the email, which is served sandboxed.
  auto with = [&](const char* action) {
    auto f = fields;
    f.emplace_back("action", action);
    return editor_->Submit("/admin/newsletters/send?article=kerry-lavrov-syria-truce",
                           "/admin/newsletters/send", f);
  };
  auto preview = with("preview");
  ASSERT_EQ(preview.status, 200) << preview.body;
  size_t frame = preview.body.find("<iframe class=\"newsletter-preview\" src=\"");
  ASSERT_NE(frame, std::string::npos);
  frame += 40;
  std::string framed = Unescape(preview.body.substr(frame, preview.body.find('"', frame) - frame));
  auto email = editor_->Get(framed);
  ASSERT_EQ(email.status, 200) << framed;
  EXPECT_NE(email.body.find("GENEVA"), std::string::npos);
  EXPECT_NE(email.Header("content-security-policy").find("sandbox"), std::string::npos);
  EXPECT_EQ(email.Header("x-frame-options"), "SAMEORIGIN");
  EXPECT_NE(preview.body.find("KB of HTML"), std::string::npos);
  // A test copy to the editor.
  auto test = with("test");
  ASSERT_EQ(test.status, 200);
  ASSERT_TRUE(site_.WaitForOutboxDrained());
  EXPECT_EQ(site_.QueryInt("SELECT COUNT(*) FROM outbox WHERE subject = '[Test] Geneva talks'"), 1);
  // To readers: the issue's page follows it to the end.
  auto scheduled = with("schedule");
  ASSERT_EQ(scheduled.status, 303) << scheduled.body;
  std::string issue_page = scheduled.Header("location");
  ASSERT_EQ(issue_page.rfind("/admin/newsletters/issues/", 0), 0u);
  ASSERT_TRUE(WaitForMail(a, "Geneva talks"));
  ASSERT_TRUE(WaitForMail(b, "Geneva talks"));
  ASSERT_TRUE(
      WaitFor([&] { return editor_->Get(issue_page).body.find("Sent ") != std::string::npos; },
              std::chrono::seconds(10)));
  auto progress = editor_->Get(issue_page).body;
  EXPECT_NE(progress.find("<dt>Sent</dt><dd>2</dd>"), std::string::npos) << progress;

  // A digest of two stories, by pasted addresses.
  std::ofstream(site_.File("second.md")) << "---\nheadline: A second story\ndek: Its summary "
                                            "line.\nslug: second-story\n---\n\nBody.\n";
  ASSERT_EQ(RunDateline(site_.With({"article", "publish", site_.File("second.md")})).exit_code, 0);
  auto digest = editor_->Submit(
      "/admin/newsletters/send", "/admin/newsletters/send",
      {{"newsletter", "the-morning-briefing"},
       {"articles", "http://example.org/articles/kerry-lavrov-syria-truce\nsecond-story"},
       {"subject", "The week in two stories"},
       {"segment", "all"},
       {"action", "schedule"}});
  ASSERT_EQ(digest.status, 303) << digest.body;
  auto digest_mail = WaitForMail(a, "The week in two stories");
  ASSERT_TRUE(digest_mail);
  EXPECT_NE(digest_mail->html.find("Its summary line."), std::string::npos);
  EXPECT_NE(digest_mail->html.find("/articles/second-story"), std::string::npos);

  // Members as CSV: each address with its newsletter, state and consent date.
  auto csv = editor_->Get("/admin/newsletters/members.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.Header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.body.find(a + ",A,the-morning-briefing,confirmed,2025-01-01T00:00:00Z,import"),
            std::string::npos)
      << csv.body;

  // The suppression list: added by hand, then taken off.
  auto suppressed =
      editor_->Submit("/admin/newsletters/suppressions", "/admin/newsletters/suppressions",
                      {{"action", "add"}, {"email", b}, {"note", "asked by phone"}});
  ASSERT_EQ(suppressed.status, 200);
  EXPECT_NE(suppressed.body.find("1 address suppressed"), std::string::npos);
  EXPECT_NE(suppressed.body.find("asked by phone"), std::string::npos);
  auto removed =
      editor_->Submit("/admin/newsletters/suppressions", "/admin/newsletters/suppressions",
                      {{"action", "remove"}, {"email", b}});
  EXPECT_NE(removed.body.find("0 addresses suppressed"), std::string::npos);
}

TEST_F(NewsletterAdminTest, AScheduledIssueCanBeTakenBackAndADraftWaitsForPublication) {
  ASSERT_EQ(RunDateline(site_.With({"newsletter", "add", "Weekly"})).exit_code, 0);
  std::string reader = UniqueEmail("weekly");
  std::ofstream(site_.File("list.csv")) << reader << ",,2025-01-01\n";
  ASSERT_EQ(
      RunDateline(site_.With({"newsletter", "import", "weekly", site_.File("list.csv")})).exit_code,
      0);
  auto later = editor_->Submit("/admin/newsletters/send", "/admin/newsletters/send",
                               {{"newsletter", "weekly"},
                                {"articles", "kerry-lavrov-syria-truce"},
                                {"subject", "Next year"},
                                {"segment", "all"},
                                {"send_at", "2099-01-01T07:00"},
                                {"action", "schedule"}});
  ASSERT_EQ(later.status, 303);
  std::string page = later.Header("location");
  EXPECT_NE(editor_->Get(page).body.find("Scheduled for"), std::string::npos);
  std::string id = page.substr(page.rfind('/') + 1);
  auto cancel = editor_->Submit(page, page + "/cancel", {});
  EXPECT_EQ(cancel.status, 303);
  EXPECT_EQ(site_.QueryInt("SELECT COUNT(*) FROM newsletter_issues WHERE id = " + id), 0);
  // A draft sent "at publication" waits, then goes when it is published.
  std::ofstream(site_.File("draft.md")) << "---\nheadline: Embargoed\nslug: embargoed\nstatus: "
                                           "draft\n---\n\nNot yet.\n";
  ASSERT_EQ(RunDateline(site_.With({"article", "publish", site_.File("draft.md")})).exit_code, 0);
  auto waiting = editor_->Submit("/admin/newsletters/send", "/admin/newsletters/send",
                                 {{"newsletter", "weekly"},
                                  {"articles", "embargoed"},
                                  {"segment", "all"},
                                  {"action", "schedule"}});
  ASSERT_EQ(waiting.status, 303) << waiting.body;
  // An issue of a live story, due after it, goes first: the sender passed the draft's by.
  auto meanwhile = editor_->Submit("/admin/newsletters/send", "/admin/newsletters/send",
                                   {{"newsletter", "weekly"},
                                    {"articles", "kerry-lavrov-syria-truce"},
                                    {"subject", "Live meanwhile"},
                                    {"segment", "all"},
                                    {"action", "schedule"}});
  ASSERT_EQ(meanwhile.status, 303);
  ASSERT_TRUE(WaitForMail(reader, "Live meanwhile"));
  EXPECT_EQ(CountMail(reader, "Embargoed"), 0);
  EXPECT_EQ(site_.QueryInt("SELECT COUNT(*) FROM newsletter_issues WHERE state = 'scheduled'"), 1);
  std::ofstream(site_.File("final.md")) << "---\nheadline: Embargoed\nslug: embargoed\nstatus: "
                                           "published\nupdate: true\n---\n\nNow.\n";
  ASSERT_EQ(RunDateline(site_.With({"article", "publish", site_.File("final.md")})).exit_code, 0);
  EXPECT_TRUE(WaitForMail(reader, "Embargoed"));
}

}  // namespace
}  // namespace dateline::testing
