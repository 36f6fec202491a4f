// Signed-in readers' article pages come from a fragment shared by every reader of the same
// kind (what they may read, whether they work at the desk), with each reader's own parts
// filled in per request: their name, their form token, the conversation as they see it.

#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

class SignedInPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ServerProcess::Start(site_);
    ASSERT_NE(server_, nullptr);
    Publish("HIDDENTHREE third.", false);
  }

  void Publish(const std::string& third, bool update) {
    std::ofstream(site_.File("paid.md"))
        << "---\nheadline: A paid story\nslug: paid\naccess: subscribers\n"
        << (update ? "update: true\n" : "")
        << "---\n"
           "FREEONE opening.\n\nFREETWO second.\n\n"
        << third << "\n\nHIDDENFOUR fourth.\n";
    ASSERT_EQ(RunDateline(site_.With({"article", "publish", site_.File("paid.md")})).exit_code, 0);
  }

  std::unique_ptr<Browser> Reader(const std::string& email, const std::string& name,
                                  bool subscribed) {
    std::string password =
        OneTimePasswordIn(RunDateline(site_.With({"user", "add", email, "--name", name})));
    if (subscribed) {
      EXPECT_EQ(RunDateline(site_.With({"subscription", "grant", email, "--plan", "digital-monthly",
                                        "--until", "2099-01-01"}))
                    .exit_code,
                0);
    }
    auto browser = std::make_unique<Browser>(server_->port());
    EXPECT_EQ(browser->LogInFirstTime(email, password).status, 303) << email;
    return browser;
  }

  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(SignedInPagesTest, ReadersShareTheStoryButEachSeesTheirOwnParts) {
  auto ann = Reader("ann@example.org", "Ann Reader", true);
  auto bob = Reader("bob@example.org", "Bob <em>Reader</em>", true);
  auto carl = Reader("carl@example.org", "Carl Free", false);
  auto editor = SignedInAs(site_, *server_, "editor", "editor");
  std::string ann_token = CsrfIn(ann->Get("/account").body);
  std::string bob_token = CsrfIn(bob->Get("/account").body);
  ASSERT_FALSE(ann_token.empty());
  ASSERT_NE(ann_token, bob_token);

  // Twice each: the first view of each kind builds the fragment, the second uses it.
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round);
    auto a = ann->Get("/articles/paid");
    auto b = bob->Get("/articles/paid");
    auto c = carl->Get("/articles/paid");
    auto e = editor->Get("/articles/paid");
    for (const auto* page : {&a, &b, &c, &e}) {
      ASSERT_EQ(page->status, 200);
      EXPECT_EQ(page->body.find('\x01'), std::string::npos) << "a hole left unfilled";
      EXPECT_EQ(page->Header("cache-control"), "no-store");
    }
    EXPECT_NE(a.body.find("Ann Reader"), std::string::npos);
    EXPECT_EQ(a.body.find("Bob"), std::string::npos);
    EXPECT_NE(b.body.find("Bob &lt;em&gt;Reader&lt;/em&gt;"), std::string::npos)
        << "a name is text, escaped, wherever it is filled in";
    EXPECT_EQ(b.body.find("<em>Reader"), std::string::npos);
    EXPECT_EQ(b.body.find("Ann Reader"), std::string::npos);
    EXPECT_EQ(CsrfIn(a.body), ann_token);
    EXPECT_EQ(CsrfIn(b.body), bob_token);
    EXPECT_EQ(b.body.find(ann_token), std::string::npos);
    // Subscribers read it all; a reader without a subscription meets the paywall.
    EXPECT_NE(a.body.find("HIDDENTHREE"), std::string::npos);
    EXPECT_NE(b.body.find("HIDDENFOUR"), std::string::npos);
    EXPECT_EQ(c.body.find("HIDDENTHREE"), std::string::npos);
    EXPECT_NE(c.body.find("class=\"paywall\""), std::string::npos);
    EXPECT_NE(c.body.find("Carl Free"), std::string::npos);
    // The desk's link is for the desk.
    EXPECT_NE(e.body.find("href=\"/admin\">Newsroom"), std::string::npos);
    EXPECT_NE(e.body.find("HIDDENTHREE"), std::string::npos);
    EXPECT_EQ(a.body.find("href=\"/admin\">Newsroom"), std::string::npos);
  }

  // The conversation is each reader's own: a comment appears at once, on a page whose story
  // came from the fragment, with its author's controls for its author only.
  ASSERT_EQ(
      ann->Submit("/articles/paid", "/articles/paid/comments", {{"body", "ANNSCOMMENT"}}).status,
      303);
  auto a = ann->Get("/articles/paid");
  auto b = bob->Get("/articles/paid");
  EXPECT_NE(a.body.find("ANNSCOMMENT"), std::string::npos);
  EXPECT_NE(b.body.find("ANNSCOMMENT"), std::string::npos);
  EXPECT_NE(a.body.find("<summary>Edit</summary>"), std::string::npos);
  EXPECT_EQ(b.body.find("<summary>Edit</summary>"), std::string::npos);

  // An edit to the story reaches signed-in readers: the fragment goes with the old text.
  Publish("EDITEDTHIRD third.", true);
  EXPECT_TRUE(WaitFor(
      [&] { return ann->Get("/articles/paid").body.find("EDITEDTHIRD") != std::string::npos; },
      std::chrono::seconds(10)));
  EXPECT_EQ(ann->Get("/articles/paid").body.find("HIDDENTHREE"), std::string::npos);
  EXPECT_NE(bob->Get("/articles/paid").body.find("EDITEDTHIRD"), std::string::npos);
  EXPECT_EQ(carl->Get("/articles/paid").body.find("EDITEDTHIRD"), std::string::npos);
}

}  // namespace
}  // namespace dateline::testing
