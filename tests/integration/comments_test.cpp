// Comments over HTTP on both stores: the authorization matrix (answers and stored rows),
// XSS payloads coming back inert, double submits, bad input, moderation.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "harness.hpp"
#include "store/db.hpp"
#include "xss_corpus.hpp"

namespace dateline::testing {
namespace {

constexpr const char* kArticle = "/articles/kerry-lavrov-syria-truce";
constexpr const char* kNotice =
    "Only subscribers are eligible to post comments. Please <a href=\"/subscribe\">subscribe</a> "
    "or <a href=\"/login\">login</a> first for digital access. <a "
    "href=\"/comments-policy\">Here’s why</a>.";

class CommentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Rate limits are tested on the service; here they would only slow the matrix down.
    std::ofstream(site_.File("limits.toml")) << "comment_posts_per_minute = 1000\n";
    server_ = ServerProcess::Start(site_, {"--config", site_.File("limits.toml")});
    ASSERT_NE(server_, nullptr);
    auto db = store::Open(site_.store_url(), {2});
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(db.value());
  }

  // Adds an account with `role`, signs it in, and returns its browser.
  Browser& Reader(const std::string& name, const std::string& role = "reader",
                  bool subscribed = false) {
    // Unique per run: both store passes share one mail folder.
    std::string email = UniqueEmail(name);
    emails_[name] = email;
    std::string password = OneTimePasswordIn(
        RunDateline(site_.With({"user", "add", email, "--name", name, "--role", role})));
    EXPECT_FALSE(password.empty()) << name;
    if (subscribed) {
      EXPECT_EQ(RunDateline(site_.With({"subscription", "grant", email, "--plan", "digital-monthly",
                                        "--until", "2099-01-01"}))
                    .exit_code,
                0);
    }
    auto [it, _] = browsers_.emplace(name, Browser(server_->port()));
    EXPECT_EQ(it->second.LogInFirstTime(email, password).status, 303);
    return it->second;
  }
  int64_t Count(const std::string& sql) {
    auto r = db_->QueryOne(sql);
    EXPECT_TRUE(r.ok()) << sql;
    return r.ok() ? r->Int(0) : -1;
  }
  int64_t LastCommentId() { return Count("SELECT COALESCE(MAX(id), 0) FROM comments"); }
  HttpResponse Post(Browser& b, const std::string& body, int64_t parent = 0,
                    const std::string& token = "") {
    std::vector<std::pair<std::string, std::string>> fields = {{"body", body}};
    if (parent) fields.emplace_back("parent", std::to_string(parent));
    if (!token.empty()) fields.emplace_back("token", token);
    return b.Submit(kArticle, std::string(kArticle) + "/comments", fields);
  }

  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<store::Db> db_;
  std::map<std::string, Browser> browsers_;
  std::map<std::string, std::string> emails_;
};

TEST_F(CommentsTest, TheAuthorizationMatrixOnAnswersAndStoredRows) {
  Browser anonymous(server_->port());
  Browser& registered = Reader("registered");
  Browser& lapsed = Reader("lapsed", "reader", true);
  ASSERT_EQ(RunDateline(site_.With({"subscription", "revoke", emails_["lapsed"]})).exit_code, 0);
  Browser& subscriber = Reader("subscriber", "reader", true);
  Browser& suspended = Reader("suspended", "reader", true);
  Browser& moderator = Reader("moderator", "moderator");
  Browser& admin = Reader("admin", "admin");
  // Unverified: signed up, never confirmed.
  Browser unverified(server_->port());
  std::string unverified_email = UniqueEmail("unverified");
  unverified.Submit("/signup", "/signup",
                    {{"email", unverified_email},
                     {"display_name", "Unverified"},
                     {"password", "correct horse battery staple"}});
  ASSERT_EQ(unverified
                .Submit("/login", "/login",
                        {{"email", unverified_email}, {"password", "correct horse battery staple"}})
                .status,
            303);
  ASSERT_TRUE(unverified.Get("/account").status == 200);
  unverified.Post("/account/verify/resend", "");  // (no-op; keeps the account unconfirmed)

  // Someone else's comment to act on, and the suspended reader's, to suspend them with.
  ASSERT_EQ(Post(subscriber, "The subscriber's comment").status, 303);
  int64_t target = LastCommentId();
  ASSERT_EQ(Post(suspended, "Soon suspended").status, 303);
  ASSERT_EQ(moderator
                .Submit("/admin/comments",
                        "/admin/comments/" + std::to_string(LastCommentId()) + "/suspend",
                        {{"days", "7"}})
                .status,
            303);

  struct Expect {
    const char* who;
    Browser* b;
    bool post, flag, remove_others, moderate;
  } rows[] = {
      {"anonymous", &anonymous, false, false, false, false},
      {"registered", &registered, false, true, false, false},
      {"unverified", &unverified, false, false, false, false},
      {"lapsed", &lapsed, false, true, false, false},
      {"subscriber", &subscriber, true, false /* own comment */, false, false},
      {"suspended", &suspended, false, false, false, false},
      {"moderator", &moderator, true, true, true, true},
      {"admin", &admin, true, true, true, true},
  };
  for (auto& r : rows) {
    SCOPED_TRACE(r.who);
    // read
    auto page = r.b->Get(kArticle);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("The subscriber&#39;s comment"), std::string::npos);
    EXPECT_EQ(page.body.find("Soon suspended"), std::string::npos) << "rejected comments go";
    // post and reply
    int64_t before = Count("SELECT COUNT(*) FROM comments");
    auto posted = Post(*r.b, std::string("Posted by ") + r.who);
    auto replied = Post(*r.b, std::string("Reply by ") + r.who, target);
    int64_t written = Count("SELECT COUNT(*) FROM comments") - before;
    if (r.post) {
      EXPECT_EQ(posted.status, 303);
      EXPECT_EQ(replied.status, 303);
      EXPECT_EQ(written, 2);
    } else {
      EXPECT_TRUE(posted.status == 403 || posted.status == 303) << posted.status;
      if (posted.status == 303) {
        EXPECT_EQ(posted.Header("location").rfind("/login", 0), 0u) << "anonymous: sign in";
      }
      EXPECT_EQ(written, 0);
    }
    // edit someone else's: never (the subscriber is the target's author)
    if (r.b != &subscriber) {
      auto edit = r.b->Submit(kArticle, "/comments/" + std::to_string(target) + "/edit",
                              {{"body", "hijacked"}});
      EXPECT_NE(edit.status, 303);
      EXPECT_EQ(Count("SELECT COUNT(*) FROM comments WHERE body = 'hijacked'"), 0);
    }
    // flag someone else's
    int64_t flags = Count("SELECT COUNT(*) FROM comment_flags");
    auto flag = r.b->Submit(kArticle, "/comments/" + std::to_string(target) + "/flag",
                            {{"reason", "Off topic"}});
    EXPECT_EQ(Count("SELECT COUNT(*) FROM comment_flags") - flags, r.flag ? 1 : 0) << flag.status;
    EXPECT_EQ(flag.status == 303, r.flag) << "back to the comment, not a page of its own";
    // recommend someone else's
    int64_t votes = Count("SELECT COUNT(*) FROM comment_votes");
    r.b->Submit(kArticle, "/comments/" + std::to_string(target) + "/recommend", {});
    EXPECT_EQ(Count("SELECT COUNT(*) FROM comment_votes") - votes, r.flag ? 1 : 0);
    // delete: a fresh comment of the subscriber's, removed by its author or a moderator
    ASSERT_EQ(Post(subscriber, std::string("For ") + r.who + " to delete").status, 303);
    int64_t victim = LastCommentId();
    auto removed = r.b->Submit(kArticle, "/comments/" + std::to_string(victim) + "/delete", {});
    bool may_delete = r.remove_others || r.b == &subscriber;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM comments WHERE id = " + std::to_string(victim) +
                    " AND status = 'deleted'"),
              may_delete ? 1 : 0)
        << removed.status;
    // moderate: the queue and an action
    auto queue = r.b->Get("/admin/comments");
    EXPECT_EQ(queue.status == 200, r.moderate) << queue.status;
    auto approve =
        r.b->Submit(kArticle, "/admin/comments/" + std::to_string(target) + "/approve", {});
    EXPECT_EQ(approve.status == 303 && approve.Header("location").find("/admin/comments") == 0,
              r.moderate)
        << approve.status;
  }
  // The author edits within the window; the page says so.
  EXPECT_EQ(subscriber
                .Submit(kArticle, "/comments/" + std::to_string(target) + "/edit",
                        {{"body", "The subscriber's comment, corrected"}})
                .status,
            303);
  EXPECT_NE(anonymous.Get(kArticle).body.find("corrected"), std::string::npos);
  EXPECT_NE(anonymous.Get(kArticle).body.find("comment__edited"), std::string::npos);
  // The author deletes their own at any time.
  EXPECT_EQ(
      subscriber.Submit(kArticle, "/comments/" + std::to_string(target) + "/delete", {}).status,
      303);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM comments WHERE id = " + std::to_string(target) +
                  " AND status = 'deleted'"),
            1);
  // The signed-in reader without a subscription sees the notice without "login".
  auto notice = registered.Get(kArticle).body;
  EXPECT_NE(notice.find("Please <a href=\"/subscribe\">subscribe</a> first for digital access."),
            std::string::npos);
  EXPECT_NE(anonymous.Get(kArticle).body.find(kNotice), std::string::npos);
}

TEST_F(CommentsTest, XssPayloadsComeBackInertInThePageTheStreamAndTheEmails) {
  Browser& subscriber = Reader("writer", "reader", true);
  Browser& second = Reader("second-writer", "reader", true);
  Browser& target = Reader("xss-target", "reader", true);
  ASSERT_EQ(target.Submit("/account", "/account/notifications", {{"reply_emails", "on"}}).status,
            303);
  ASSERT_EQ(Post(target, "Reply to me, anyone.").status, 303);
  int64_t parent = LastCommentId();
  HttpConnection sse(server_->port());
  ASSERT_TRUE(
      sse.Send(std::string("GET ") + kArticle + "/comments/events HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(sse.ReadUntil("retry: 3000", std::chrono::seconds(5)));
  int i = 0;
  for (const char* p : kXssPayloads) {
    // Two writers, five each: within the per-minute limit. Replies, so they are emailed.
    ASSERT_EQ(Post(i % 2 ? second : subscriber, p, parent, "xss-" + std::to_string(i)).status, 303)
        << p;
    ++i;
  }
  Browser anonymous(server_->port());
  for (Browser* b : {&anonymous, &subscriber}) {
    std::string page = b->Get(kArticle).body;
    for (const char* bad : kXssDangerous) EXPECT_EQ(page.find(bad), std::string::npos) << bad;
    EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(page.find("{{csrf}} {{{body_html}}}"), std::string::npos) << "not a template";
    EXPECT_NE(page.find("&amp;lt;script&amp;gt; already escaped"), std::string::npos);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM comments"), 11) << "the SQL one is only text";

  // The live stream: every payload arrives as one line of JSON without raw markup.
  ASSERT_TRUE(
      sse.ReadUntil("id: " + std::to_string(LastCommentId()) + "\n", std::chrono::seconds(3)));
  ASSERT_TRUE(sse.ReadUntil("}\n\n", std::chrono::seconds(1)));
  std::string stream = sse.received().substr(sse.received().find("retry: 3000"));
  size_t events = 0;
  for (size_t at = stream.find("data: "); at != std::string::npos;
       at = stream.find("data: ", at + 1)) {
    std::string line = stream.substr(at, stream.find('\n', at) - at);
    EXPECT_EQ(line.find('<'), std::string::npos) << line;
    EXPECT_EQ(line.find('>'), std::string::npos) << line;
    ++events;
  }
  EXPECT_GE(events, 10u);  // (on PostgreSQL the parent may arrive too: NOTIFY is async)

  // The emails: plain text as typed, HTML escaped.
  for (int n = 0; n < 10; ++n) {
    auto mail = WaitForMail(emails_["xss-target"], "replied to your comment");
    ASSERT_TRUE(mail) << n;
    for (const char* bad : kXssDangerous) EXPECT_EQ(mail->html.find(bad), std::string::npos) << bad;
  }
}

TEST_F(CommentsTest, ALongThreadLinksToItsOwnPageWithEveryReply) {
  Browser& a = Reader("threadstarter", "reader", true);
  Browser& b = Reader("threadreplier", "reader", true);
  ASSERT_EQ(Post(a, "Start").status, 303);
  int64_t top = LastCommentId();
  for (int i = 0; i < 22; ++i)
    ASSERT_EQ(Post(b, "Answer number " + std::to_string(i), top).status, 303);
  Browser anonymous(server_->port());
  auto page = anonymous.Get(kArticle).body;
  EXPECT_NE(page.find("Answer number 19"), std::string::npos);
  EXPECT_EQ(page.find("Answer number 21"), std::string::npos) << "beyond the first 20";
  std::string link = "/articles/kerry-lavrov-syria-truce/comments?thread=" + std::to_string(top);
  EXPECT_NE(page.find(link + "#comment-" + std::to_string(top) + "\">Show 2 more replies"),
            std::string::npos);
  auto thread = anonymous.Get(link);
  EXPECT_EQ(thread.status, 200);
  EXPECT_NE(thread.body.find("Answer number 21"), std::string::npos);
  EXPECT_EQ(anonymous.Get("/articles/kerry-lavrov-syria-truce/comments?thread=987654").status, 404);
}

TEST_F(CommentsTest, ADoubleSubmitMakesOneCommentAndBadInputIsRefusedWithTheFormKept) {
  Browser& subscriber = Reader("careful", "reader", true);
  EXPECT_EQ(Post(subscriber, "Once", 0, "same-token").status, 303);
  EXPECT_EQ(Post(subscriber, "Once", 0, "same-token").status, 303);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM comments"), 1);
  // The same token with other words: not posted, and said so, with the text kept.
  auto reused = Post(subscriber, "Something else entirely", 0, "same-token");
  EXPECT_EQ(reused.status, 409);
  EXPECT_NE(reused.body.find("was not posted"), std::string::npos);
  EXPECT_NE(reused.body.find("Something else entirely"), std::string::npos);
  EXPECT_EQ(reused.body.find("value=\"same-token\""), std::string::npos) << "a fresh token";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM comments"), 1);
  std::string too_long(5001, 'x');
  auto r = Post(subscriber, too_long);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("5,000 characters"), std::string::npos);
  EXPECT_NE(r.body.find(too_long), std::string::npos) << "the text is given back";
  EXPECT_EQ(Post(subscriber, "   ").status, 400);
  auto binary = Post(subscriber, "bad \xff\xfe bytes in my comment");
  EXPECT_EQ(binary.status, 400);
  EXPECT_NE(binary.body.find("could not be read as text"), std::string::npos);
  EXPECT_NE(binary.body.find("bad \xef\xbf\xbd\xef\xbf\xbd bytes in my comment"), std::string::npos)
      << "the words come back, the unreadable bytes marked";
  EXPECT_EQ(Post(subscriber, "reply to nothing", 987654).status, 404);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM comments"), 1) << "nothing half-written";
}

TEST_F(CommentsTest, ModeratorsReviewHeldCommentsFeatureAndClose) {
  Browser& moderator = Reader("mod", "moderator");
  Browser& subscriber = Reader("fresh", "reader", true);
  ASSERT_EQ(moderator
                .Submit("/admin/comments", "/admin/comments/settings",
                        {{"premoderation", "first"},
                         {"premoderation_first", "1"},
                         {"max_links", "2"},
                         {"auto_close_days", "0"},
                         {"banned_words", "casino"}})
                .status,
            303);
  ASSERT_EQ(Post(subscriber, "My very first comment").status, 303);
  int64_t held = LastCommentId();
  Browser anonymous(server_->port());
  EXPECT_EQ(anonymous.Get(kArticle).body.find("My very first comment"), std::string::npos);
  EXPECT_NE(subscriber.Get(kArticle).body.find("Awaiting review"), std::string::npos);
  auto queue = moderator.Get("/admin/comments");
  EXPECT_NE(queue.body.find("My very first comment"), std::string::npos);
  ASSERT_EQ(
      moderator
          .Submit("/admin/comments", "/admin/comments/" + std::to_string(held) + "/approve", {})
          .status,
      303);
  EXPECT_NE(anonymous.Get(kArticle).body.find("My very first comment"), std::string::npos);
  ASSERT_EQ(moderator
                .Submit(kArticle, "/admin/comments/" + std::to_string(held) + "/feature",
                        {{"featured", "1"}})
                .status,
            303);
  EXPECT_NE(anonymous.Get(kArticle).body.find("Editors’ picks"), std::string::npos);
  EXPECT_NE(anonymous.Get("/").body.find("1 comment"), std::string::npos) << "counts on lists";
  ASSERT_EQ(moderator
                .Submit(kArticle, std::string("/admin/articles/kerry-lavrov-syria-truce/comments"),
                        {{"closed", "1"}})
                .status,
            303);
  EXPECT_EQ(Post(subscriber, "After closing").status, 403);
  EXPECT_NE(subscriber.Get(kArticle).body.find("Comments are closed"), std::string::npos);
}

TEST_F(CommentsTest, SuspensionsAreListedExplainedAndLifted) {
  Browser& moderator = Reader("lifter", "moderator");
  Browser& reader = Reader("rowdy", "reader", true);
  ASSERT_EQ(Post(reader, "Something out of line").status, 303);
  int64_t id = LastCommentId();
  ASSERT_EQ(moderator
                .Submit("/admin/comments", "/admin/comments/" + std::to_string(id) + "/suspend",
                        {{"days", "7"}, {"reason", "Personal attacks"}})
                .status,
            303);
  // The moderators' page lists who, until when, by whom and why.
  auto page = moderator.Get("/admin/comments");
  size_t at = page.body.find("id=\"suspended\"");
  ASSERT_NE(at, std::string::npos);
  std::string listed = page.body.substr(at, page.body.find("Rules for new comments") - at);
  EXPECT_NE(listed.find(">rowdy<"), std::string::npos) << listed;
  EXPECT_NE(listed.find("lifter"), std::string::npos);
  EXPECT_NE(listed.find("Personal attacks"), std::string::npos);
  EXPECT_NE(listed.find(" UTC"), std::string::npos) << "until when";
  // The reader is told until when, not just "at the moment".
  auto refused = Post(reader, "Am I back?");
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("may not comment until"), std::string::npos);
  EXPECT_NE(reader.Get(kArticle).body.find("may not comment until"), std::string::npos);
  // Lifting it lets them back, and the list forgets them.
  size_t form = listed.find("/admin/commenters/");
  ASSERT_NE(form, std::string::npos);
  std::string action = listed.substr(form, listed.find('"', form) - form);
  ASSERT_EQ(moderator.Submit("/admin/comments", action, {}).status, 303);
  EXPECT_NE(moderator.Get("/admin/comments").body.find("Nobody is suspended"), std::string::npos);
  EXPECT_EQ(Post(reader, "Back, and polite").status, 303);
}

TEST_F(CommentsTest, EachReaderSeesTheControlsLeftToThemLiveAndOnThePage) {
  Browser& author = Reader("speaker", "reader", true);
  Browser& reader = Reader("listener", "reader", true);
  ASSERT_EQ(Post(author, "Worth a recommendation").status, 303);
  std::string id = std::to_string(LastCommentId());
  // The fragment the live script fetches: as this reader sees the comment.
  auto fresh = reader.Get("/comments/" + id + "/fragment");
  EXPECT_EQ(fresh.status, 200);
  EXPECT_EQ(fresh.Header("cache-control"), "no-store");
  EXPECT_NE(fresh.body.find("<summary>Reply</summary>"), std::string::npos);
  EXPECT_NE(fresh.body.find(">Recommend</button>"), std::string::npos);
  EXPECT_EQ(fresh.body.find("<html"), std::string::npos) << "a fragment, not a page";
  // After recommending and flagging: said so, and not offered again.
  ASSERT_EQ(reader.Submit(kArticle, "/comments/" + id + "/recommend", {}).status, 303);
  auto flagged = reader.Submit(kArticle, "/comments/" + id + "/flag", {{"reason", "Off topic"}});
  EXPECT_EQ(flagged.status, 303);
  EXPECT_EQ(flagged.Header("location"), std::string(kArticle) + "#comment-" + id);
  for (const std::string& html :
       {reader.Get("/comments/" + id + "/fragment").body, reader.Get(kArticle).body}) {
    EXPECT_NE(html.find("You recommended this"), std::string::npos);
    EXPECT_NE(html.find("Flagged: thank you"), std::string::npos);
    EXPECT_EQ(html.find("/comments/" + id + "/recommend"), std::string::npos);
    EXPECT_EQ(html.find("/comments/" + id + "/flag"), std::string::npos);
  }
  // The author deletes their own after confirming; anonymous readers get no controls.
  auto own = author.Get("/comments/" + id + "/fragment");
  EXPECT_NE(own.body.find("Yes, delete it"), std::string::npos);
  auto anonymous = Browser(server_->port()).Get("/comments/" + id + "/fragment");
  EXPECT_EQ(anonymous.status, 200);
  EXPECT_EQ(anonymous.body.find("<form"), std::string::npos);
  EXPECT_EQ(Browser(server_->port()).Get("/comments/987654/fragment").status, 404);
}

TEST_F(CommentsTest, RefusedRulesComeBackAsTyped) {
  Browser& moderator = Reader("ruler", "moderator");
  auto refused = moderator.Submit("/admin/comments", "/admin/comments/settings",
                                  {{"premoderation", "first"},
                                   {"premoderation_first", "not a number"},
                                   {"max_links", "2"},
                                   {"auto_close_days", "0"},
                                   {"banned_words", "casino\nlottery\nsweepstakes"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("Nothing was saved"), std::string::npos);
  EXPECT_NE(refused.body.find("casino\nlottery\nsweepstakes"), std::string::npos)
      << "the list typed is kept";
  EXPECT_NE(refused.body.find("value=\"not a number\""), std::string::npos);
}

TEST_F(CommentsTest, AReconnectingReaderWhoMissedTooMuchIsToldToReloadNotCutOff) {
  Browser& subscriber = Reader("busy", "reader", true);
  ASSERT_EQ(Post(subscriber, "The first").status, 303);
  int64_t first = LastCommentId();
  // Far more than a stream's buffer holds, arriving while the reader was away.
  std::string long_text(4900, 'w');
  for (int i = 0; i < 80; ++i) {
    ASSERT_TRUE(db_->Execute("INSERT INTO comments (article_id, user_id, body, status, created_at) "
                             "SELECT article_id, user_id, ?, 'approved', created_at FROM comments "
                             "WHERE id = ?",
                             {long_text + std::to_string(i), first})
                    .ok());
  }
  HttpConnection sse(server_->port());
  ASSERT_TRUE(sse.Send(std::string("GET ") + kArticle +
                       "/comments/events HTTP/1.1\r\nHost: x\r\nLast-Event-ID: " +
                       std::to_string(first) + "\r\n\r\n"));
  ASSERT_TRUE(sse.ReadUntil("event: gap", std::chrono::seconds(5)))
      << sse.received().substr(0, 500);
  EXPECT_EQ(sse.received().find("event: comment"), std::string::npos);
  // The stream stays open and goes on with what comes next.
  ASSERT_EQ(Post(subscriber, "After the gap").status, 303);
  EXPECT_TRUE(sse.ReadUntil("After the gap", std::chrono::seconds(5)));
}

TEST_F(CommentsTest, ApprovedCommentsReachLiveReadersEscapedAndMissedOnesAreReplayed) {
  Browser& subscriber = Reader("live", "reader", true);
  Browser& moderator = Reader("livemod", "moderator");
  HttpConnection sse(server_->port());
  ASSERT_TRUE(
      sse.Send(std::string("GET ") + kArticle +
               "/comments/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n"));
  ASSERT_TRUE(sse.ReadUntil("retry: 3000", std::chrono::seconds(5))) << sse.received();
  EXPECT_NE(sse.received().find("Content-Type: text/event-stream"), std::string::npos);
  auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(
      Post(subscriber, "<script>alert('live')</script> \"quoted\" & https://example.org/x").status,
      303);
  int64_t id = LastCommentId();
  ASSERT_TRUE(sse.ReadUntil("id: " + std::to_string(id) + "\n", std::chrono::seconds(1)))
      << "within a second: " << sse.received();
  ASSERT_TRUE(sse.ReadUntil("}\n\n", std::chrono::seconds(1)));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
  std::string event = sse.received().substr(sse.received().find("id: " + std::to_string(id)));
  std::string data = event.substr(event.find("data: "), event.find("\n\n") - event.find("data: "));
  // One line of JSON with no raw markup characters at all.
  EXPECT_EQ(data.find('\n'), std::string::npos);
  EXPECT_EQ(data.find('<'), std::string::npos);
  EXPECT_EQ(data.find('>'), std::string::npos);
  EXPECT_NE(data.find("\\u0026lt;script\\u0026gt;"), std::string::npos) << data;
  EXPECT_NE(data.find("rel=\\\"nofollow ugc noopener\\\""), std::string::npos) << data;

  // A held comment is not streamed until a moderator approves it.
  ASSERT_EQ(moderator
                .Submit("/admin/comments", "/admin/comments/settings",
                        {{"premoderation", "all"},
                         {"premoderation_first", "1"},
                         {"max_links", "2"},
                         {"auto_close_days", "0"},
                         {"banned_words", ""}})
                .status,
            303);
  ASSERT_EQ(Post(subscriber, "Held for review").status, 303);
  int64_t held = LastCommentId();
  EXPECT_FALSE(sse.ReadUntil("id: " + std::to_string(held) + "\n", std::chrono::milliseconds(500)));
  ASSERT_EQ(
      moderator
          .Submit("/admin/comments", "/admin/comments/" + std::to_string(held) + "/approve", {})
          .status,
      303);
  EXPECT_TRUE(sse.ReadUntil("id: " + std::to_string(held) + "\n", std::chrono::seconds(1)));

  // A browser that reconnects says what it saw last and gets what it missed.
  HttpConnection again(server_->port());
  ASSERT_TRUE(again.Send(std::string("GET ") + kArticle +
                         "/comments/events HTTP/1.1\r\nHost: x\r\n" +
                         "Last-Event-ID: " + std::to_string(id) + "\r\n\r\n"));
  EXPECT_TRUE(again.ReadUntil("id: " + std::to_string(held) + "\n", std::chrono::seconds(2)))
      << again.received();
  EXPECT_EQ(again.received().find("id: " + std::to_string(id) + "\n"), std::string::npos);
}

TEST_F(CommentsTest, ReplyEmailsAreOptInEscapedAndStopWithOneClick) {
  Browser& asker = Reader("asker", "reader", true);
  Browser& answerer = Reader("answerer", "reader", true);
  ASSERT_EQ(Post(asker, "Who will chair the talks?").status, 303);
  int64_t question = LastCommentId();
  // Not asked for: no email.
  ASSERT_EQ(Post(answerer, "Nobody knows yet.", question).status, 303);
  ASSERT_TRUE(site_.WaitForOutboxDrained());
  EXPECT_EQ(CountMail(emails_["asker"], "replied"), 0);

  ASSERT_EQ(asker.Submit("/account", "/account/notifications", {{"reply_emails", "on"}}).status,
            303);
  EXPECT_NE(asker.Get("/account").body.find("name=\"reply_emails\" value=\"on\" checked"),
            std::string::npos);
  ASSERT_EQ(Post(answerer, "<script>alert('mail')</script> See https://example.org/chair", question)
                .status,
            303);
  auto mail = WaitForMail(emails_["asker"], "answerer replied to your comment");
  ASSERT_TRUE(mail);
  EXPECT_NE(mail->text.find("<script>alert('mail')</script>"), std::string::npos)
      << "plain text stays plain";
  EXPECT_EQ(mail->html.find("<script>"), std::string::npos) << mail->html;
  EXPECT_NE(mail->html.find("&lt;script&gt;alert(&#39;mail&#39;)&lt;/script&gt;"),
            std::string::npos)
      << mail->html;
  EXPECT_NE(mail->raw.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), std::string::npos);
  auto at = mail->raw.find("List-Unsubscribe: <");
  ASSERT_NE(at, std::string::npos);
  std::string url = mail->raw.substr(at + 19, mail->raw.find('>', at) - at - 19);
  std::string path = url.substr(url.find("/unsubscribe/replies"));
  // Replying to yourself sends nothing.
  ASSERT_EQ(Post(asker, "Thanks!", question).status, 303);
  // A forged link does nothing; the real one works with one POST, as mail clients send it.
  std::string forged = path.substr(0, path.find("&t=")) + "&t=" + std::string(32, '0');
  auto refused =
      Fetch(server_->port(), "POST", forged, {"Content-Type: application/x-www-form-urlencoded"},
            "List-Unsubscribe=One-Click");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  auto page = Fetch(server_->port(), "GET", path);
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("Stop these emails"), std::string::npos);
  auto done =
      Fetch(server_->port(), "POST", path, {"Content-Type: application/x-www-form-urlencoded"},
            "List-Unsubscribe=One-Click");
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 200);
  Browser& third = Reader("third", "reader", true);
  ASSERT_EQ(Post(third, "One more answer", question).status, 303);
  ASSERT_TRUE(site_.WaitForOutboxDrained());
  EXPECT_EQ(CountMail(emails_["asker"], "replied"), 1) << "only the one asked for";
}

TEST_F(CommentsTest, AdminsEditTheCommentsPolicyAndOthersCannot) {
  Browser& admin = Reader("policyadmin", "admin");
  Browser& moderator = Reader("policymod", "moderator");
  Browser anonymous(server_->port());
  EXPECT_EQ(anonymous.Get("/admin/pages/comments-policy").status, 303);
  EXPECT_EQ(moderator.Get("/admin/pages/comments-policy").status, 403);
  EXPECT_EQ(moderator
                .Submit("/account", "/admin/pages/comments-policy",
                        {{"title", "Hijacked"}, {"body", "No rules."}})
                .status,
            403);
  EXPECT_NE(anonymous.Get("/comments-policy").body.find("Comments policy"), std::string::npos);
  auto form = admin.Get("/admin/pages/comments-policy");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("subscribers"), std::string::npos) << "the current text to edit";
  auto saved = admin.Submit("/admin/pages/comments-policy", "/admin/pages/comments-policy",
                            {{"title", "Why only subscribers comment"},
                             {"body", "Because we know who they are.\n\n<script>x</script>"}});
  EXPECT_EQ(saved.status, 303);
  auto page = anonymous.Get("/comments-policy");
  EXPECT_NE(page.body.find("Why only subscribers comment"), std::string::npos);
  EXPECT_NE(page.body.find("Because we know who they are."), std::string::npos);
  EXPECT_EQ(page.body.find("<script>x"), std::string::npos) << "Markdown in safe mode";
  auto empty = admin.Submit("/admin/pages/comments-policy", "/admin/pages/comments-policy",
                            {{"title", " "}, {"body", "text"}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(anonymous.Get("/comments-policy").body.find("Why only subscribers comment"),
            std::string::npos)
      << "a refused edit changes nothing";
}

}  // namespace
}  // namespace dateline::testing
