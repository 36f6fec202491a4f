// The Content API and the Admin API through a real server on both stores, every answer
// held against docs/openapi.json: keys made on /admin/integrations, paywalled text never
// sent, cursors, filters, updated_since; staff tokens narrowed by their scopes and by
// their member's role; stories written, published and taken down; real images; comps.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <ctime>
#include <regex>
#include <set>

#include "harness.hpp"
#include "openapi_check.hpp"
#include "test_images.hpp"
#include "webhook_receiver.hpp"
#include "webhooks/signature.hpp"

namespace dateline::testing {
namespace {

namespace json = boost::json;

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ServerProcess::Start(site_);
    ASSERT_NE(server_, nullptr);
    admin_email_ = UniqueEmail("api-admin");
    admin_ = Staff(admin_email_, "admin");
  }

  std::unique_ptr<Browser> Staff(const std::string& email, const std::string& role) {
    std::string password = OneTimePasswordIn(
        RunDateline(site_.With({"user", "add", email, "--name", "Staff " + role, "--role", role})));
    auto b = std::make_unique<Browser>(server_->port());
    EXPECT_EQ(b->LogInFirstTime(email, password).status, 303) << role;
    return b;
  }

  // A key made on /admin/integrations, as the page shows it once; empty if refused.
  std::string MakeKey(const std::vector<std::pair<std::string, std::string>>& fields) {
    auto page = admin_->Submit("/admin/integrations", "/admin/integrations/keys", fields);
    std::smatch m;
    if (page.status != 200 ||
        !std::regex_search(page.body, m, std::regex("<code class=\"secret\">(dlk_[^<]+)</code>"))) {
      return "";
    }
    return m[1];
  }
  std::string ContentKey() { return MakeKey({{"name", "The app"}, {"kind", "content"}}); }
  std::string StaffToken(const std::string& email, const std::vector<std::string>& scopes) {
    std::vector<std::pair<std::string, std::string>> fields = {
        {"name", "Wire desk"}, {"kind", "staff"}, {"member", email}};
    for (const auto& s : scopes) fields.emplace_back("scope_" + s, "on");
    return MakeKey(fields);
  }

  // One API call, its answer checked against the operation `path_template` in the file.
  HttpResponse Api(const std::string& method, const std::string& path_template,
                   const std::string& target, const std::string& key, const std::string& body = "",
                   const std::string& type = "application/json") {
    std::vector<std::string> headers;
    if (!key.empty()) headers.push_back("Authorization: Bearer " + key);
    if (!body.empty() || method != "GET") headers.push_back("Content-Type: " + type);
    auto r = Fetch(server_->port(), method, target, headers, body);
    EXPECT_TRUE(r.has_value()) << method << " " << target;
    if (!r) return {};
    EXPECT_EQ(r->Header("content-type"), "application/json; charset=utf-8") << target;
    EXPECT_EQ(spec_.Check(method, path_template, r->status, r->body), "") << target;
    return *r;
  }
  static json::object Json(const HttpResponse& r) {
    json::error_code ec;
    json::value v = json::parse(r.body, ec);
    if (ec || !v.is_object()) {
      ADD_FAILURE() << "not a JSON object: " << r.body.substr(0, 300);
      return {};
    }
    return v.as_object();
  }
  static std::string ErrorCode(const HttpResponse& r) {
    auto o = Json(r);
    auto* e = o.if_contains("error");
    return e && e->is_object() && e->as_object().contains("code")
               ? std::string(e->as_object().at("code").as_string())
               : "";
  }
  // A `next` address without the site's origin, to fetch again.
  std::string Local(const json::value& next) {
    std::string url(next.as_string());
    size_t path = url.find("/api/");
    return path == std::string::npos ? url : url.substr(path);
  }

  // A story written and (unless `draft`) published through the Admin API; its id.
  int64_t Story(const std::string& token, const json::object& fields, bool draft = false) {
    auto made =
        Api("POST", "/api/admin/stories", "/api/admin/stories", token, json::serialize(fields));
    EXPECT_EQ(made.status, 201) << made.body;
    if (made.status != 201) return 0;
    int64_t id = Json(made).at("id").as_int64();
    EXPECT_EQ(made.Header("location"), "/api/admin/stories/" + std::to_string(id));
    if (!draft) {
      auto published = Api("POST", "/api/admin/stories/{id}/publish",
                           "/api/admin/stories/" + std::to_string(id) + "/publish", token);
      EXPECT_EQ(published.status, 200) << published.body;
    }
    return id;
  }

  void ContentScenario();
  void AdminScenario();

  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
  std::string admin_email_;
  std::unique_ptr<Browser> admin_;
  OpenApiCheck spec_;
};

void ApiTest::ContentScenario() {
  ASSERT_EQ(admin_
                ->Submit("/admin/sections", "/admin/sections",
                         {{"id", "0"}, {"name", "Diplomacy"}, {"description", "Talks."}})
                .status,
            303);
  ASSERT_EQ(
      admin_->Submit("/admin/authors", "/admin/authors", {{"id", "0"}, {"name", "Ann Lee"}}).status,
      303);
  std::string token = StaffToken(admin_email_, {"stories"});
  ASSERT_FALSE(token.empty());
  for (int i = 1; i <= 4; ++i) {
    Story(token, {{"headline", "Wire story " + std::to_string(i)},
                  {"dateline", "GENEVA"},
                  {"section", i <= 3 ? "Diplomacy" : ""},
                  {"tags", json::array{i % 2 ? "Talks" : "Weather"}},
                  {"authors", json::array{"Ann Lee"}},
                  {"body_markdown", "FREEPARAGRAPH one.\n\nFREEPARAGRAPH two."}});
  }
  Story(token, {{"headline", "For subscribers"},
                {"slug", "for-subscribers"},
                {"access", "subscribers"},
                {"section", "Diplomacy"},
                {"body_markdown",
                 "VISIBLEAARDVARK opens.\n \nVISIBLEBADGER follows.\n\t\nHIDDENZEBRA is for "
                 "subscribers.\n\nHIDDENWALRUS too."}});
  Story(token, {{"headline", "A draft"}, {"body_markdown", "DRAFTTEXT"}}, true);

  // No key, a staff token, a made-up key: 401, with the error's stable code.
  auto none = Api("GET", "/api/content/stories", "/api/content/stories", "");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(ErrorCode(none), "unauthenticated");
  EXPECT_EQ(Api("GET", "/api/content/stories", "/api/content/stories", token).status, 401);
  EXPECT_EQ(Api("GET", "/api/content/stories", "/api/content/stories", "dlk_madeup").status, 401);

  std::string key = ContentKey();
  ASSERT_FALSE(key.empty());
  // The key in the query works too (for clients that cannot send headers).
  auto by_query = Api("GET", "/api/content/stories", "/api/content/stories?key=" + key, "");
  EXPECT_EQ(by_query.status, 200);
  // Published stories only: these five and the demo story.
  EXPECT_EQ(Json(by_query).at("total").as_int64(), 6);

  // Every page through the cursor: each published story once, the draft never.
  std::set<std::string> slugs;
  int pages = 0;
  std::string next = "/api/content/stories?limit=2";
  while (!next.empty() && pages < 10) {
    auto page = Api("GET", "/api/content/stories", next, key);
    ASSERT_EQ(page.status, 200) << page.body;
    auto o = Json(page);
    EXPECT_LE(o.at("stories").as_array().size(), 2u);
    for (const auto& s : o.at("stories").as_array()) {
      EXPECT_TRUE(slugs.insert(std::string(s.at("slug").as_string())).second) << "twice";
    }
    next = o.at("next").is_null() ? "" : Local(o.at("next"));
    ++pages;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(slugs.size(), 6u);
  EXPECT_FALSE(slugs.count("a-draft"));

  // Filters: section, tag, author; unknown slugs are a 404; bad paging a 400.
  auto count = [&](const std::string& query) {
    auto r = Api("GET", "/api/content/stories", "/api/content/stories?" + query, key);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.status == 200 ? Json(r).at("stories").as_array().size() : size_t{999};
  };
  EXPECT_EQ(count("section=diplomacy"), 4u);
  EXPECT_EQ(count("tag=talks"), 2u);
  EXPECT_EQ(count("author=ann-lee"), 4u);
  EXPECT_EQ(count("section=diplomacy&tag=weather"), 1u);
  EXPECT_EQ(count("updated_since=2999-01-01T00:00:00Z"), 0u);
  EXPECT_EQ(count("updated_since=2000-01-01T00:00:00Z"), 6u);
  auto story =
      Api("GET", "/api/content/stories", "/api/content/stories?section=diplomacy&limit=1", key);
  auto first = Json(story).at("stories").as_array().at(0).as_object();
  EXPECT_EQ(first.at("section").at("slug"), "diplomacy");
  EXPECT_EQ(Json(story).at("total").as_int64(), 4);
  EXPECT_NE(Local(Json(story).at("next")).find("section=diplomacy"), std::string::npos)
      << "the next page keeps the filter";
  EXPECT_EQ(Api("GET", "/api/content/stories", "/api/content/stories?section=sport", key).status,
            404);
  for (const char* bad : {"limit=0", "limit=101", "limit=x", "updated_since=yesterday"}) {
    auto r = Api("GET", "/api/content/stories", std::string("/api/content/stories?") + bad, key);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(ErrorCode(r), "invalid_query") << bad;
  }

  // The subscribers' story: what a reader without access reads, whatever the key.
  auto paid =
      Api("GET", "/api/content/stories/{slug}", "/api/content/stories/for-subscribers", key);
  ASSERT_EQ(paid.status, 200);
  EXPECT_FALSE(Json(paid).at("full_text").as_bool());
  EXPECT_NE(paid.body.find("VISIBLEAARDVARK"), std::string::npos);
  EXPECT_EQ(paid.body.find("HIDDENZEBRA"), std::string::npos);
  EXPECT_EQ(paid.body.find("HIDDENWALRUS"), std::string::npos);
  EXPECT_EQ(by_query.body.find("HIDDEN"), std::string::npos);
  auto free = Api("GET", "/api/content/stories/{slug}", "/api/content/stories/wire-story-1", key);
  ASSERT_EQ(free.status, 200);
  EXPECT_TRUE(Json(free).at("full_text").as_bool());
  EXPECT_NE(Json(free).at("body_html").as_string().find("FREEPARAGRAPH two"), std::string::npos);
  EXPECT_EQ(Json(free).at("authors").at(0).at("name"), "Ann Lee");
  EXPECT_EQ(Api("GET", "/api/content/stories/{slug}", "/api/content/stories/a-draft", key).status,
            404);

  auto authors = Api("GET", "/api/content/authors", "/api/content/authors", key);
  EXPECT_EQ(authors.status, 200);
  EXPECT_EQ(Json(authors).at("authors").at(0).at("slug"), "ann-lee");
  EXPECT_EQ(Api("GET", "/api/content/authors", "/api/content/authors?limit=500", key).status, 400);
  auto sections = Api("GET", "/api/content/sections", "/api/content/sections", key);
  EXPECT_NE(sections.body.find(R"({"slug":"diplomacy","name":"Diplomacy","description":"Talks.")"),
            std::string::npos)
      << sections.body;
  auto tags = Api("GET", "/api/content/tags", "/api/content/tags?limit=1", key);
  EXPECT_EQ(Json(tags).at("tags").as_array().size(), 1u);
  EXPECT_FALSE(Json(tags).at("next").is_null());
  EXPECT_EQ(Api("GET", "/api/content/tags", "/api/content/tags?after=" + std::string(65, 'x'), key)
                .status,
            400);
  auto pages_list = Api("GET", "/api/content/pages", "/api/content/pages", key);
  EXPECT_NE(pages_list.body.find("comments-policy"), std::string::npos);
  auto policy = Api("GET", "/api/content/pages/{slug}", "/api/content/pages/comments-policy", key);
  EXPECT_EQ(policy.status, 200);
  EXPECT_EQ(Api("GET", "/api/content/pages/{slug}", "/api/content/pages/nope", key).status, 404);
  for (const char* path : {"/api/content/authors", "/api/content/sections", "/api/content/tags",
                           "/api/content/pages"}) {
    EXPECT_EQ(Api("GET", path, path, "").status, 401) << path;
  }
  EXPECT_EQ(
      Api("GET", "/api/content/stories/{slug}", "/api/content/stories/wire-story-1", "").status,
      401);
  EXPECT_EQ(Api("GET", "/api/content/pages/{slug}", "/api/content/pages/about", "").status, 401);

  // Revoked on the page: refused from then on.
  auto list = admin_->Get("/admin/integrations");
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(list.body, m, std::regex("/admin/integrations/keys/([0-9]+)/revoke")));
  // Newest first: the content key is the first form.
  EXPECT_EQ(admin_
                ->Submit("/admin/integrations",
                         "/admin/integrations/keys/" + std::string(m[1]) + "/revoke", {})
                .status,
            303);
  EXPECT_EQ(Api("GET", "/api/content/stories", "/api/content/stories", key).status, 401);
}

void ApiTest::AdminScenario() {
  std::string editor_email = UniqueEmail("api-editor");
  auto editor = Staff(editor_email, "editor");
  std::string contributor_email = UniqueEmail("api-contributor");
  auto contributor = Staff(contributor_email, "contributor");
  std::string everything = StaffToken(admin_email_, {"stories", "images", "members"});
  std::string editor_stories = StaffToken(editor_email, {"stories"});
  std::string editor_members = StaffToken(editor_email, {"members", "images"});
  std::string contributor_stories = StaffToken(contributor_email, {"stories", "images"});
  std::string admin_images = StaffToken(admin_email_, {"images"});
  for (const auto* t :
       {&everything, &editor_stories, &editor_members, &contributor_stories, &admin_images}) {
    ASSERT_FALSE(t->empty());
  }

  // Written, published (the page answers), changed, taken down (the page does not).
  auto made = Api("POST", "/api/admin/stories", "/api/admin/stories", editor_stories,
                  R"({"headline": "Talks resume in Geneva", "dateline": "GENEVA",
                      "body_markdown": "Delegates met again on Monday."})");
  ASSERT_EQ(made.status, 201) << made.body;
  auto story = Json(made);
  EXPECT_EQ(story.at("status"), "draft");
  EXPECT_TRUE(story.at("published").is_null());
  std::string id = std::to_string(story.at("id").as_int64());
  std::string at = "/api/admin/stories/" + id;
  int64_t first_revision = story.at("revision").as_int64();
  EXPECT_NE(Browser(server_->port()).Get("/articles/talks-resume-in-geneva").status, 200);
  auto published = Api("POST", "/api/admin/stories/{id}/publish", at + "/publish", editor_stories);
  EXPECT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(Json(published).at("status"), "published");
  EXPECT_EQ(Browser(server_->port()).Get("/articles/talks-resume-in-geneva").status, 200);
  auto changed =
      Api("PATCH", "/api/admin/stories/{id}", at, editor_stories,
          R"({"dek": "A second round.", "revision": )" + std::to_string(first_revision) + "}");
  // The publication made a revision of its own? Then the first one is stale: say so.
  if (changed.status == 409) {
    auto now = Json(Api("GET", "/api/admin/stories/{id}", at, editor_stories));
    changed = Api("PATCH", "/api/admin/stories/{id}", at, editor_stories,
                  R"({"dek": "A second round.", "revision": )" +
                      std::to_string(now.at("revision").as_int64()) + "}");
  }
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Json(changed).at("dek"), "A second round.");
  int64_t saved_revision = Json(changed).at("revision").as_int64();
  EXPECT_NE(
      Browser(server_->port()).Get("/articles/talks-resume-in-geneva").body.find("A second round."),
      std::string::npos);
  // Saved on top of a revision that is no longer the latest: a conflict, nothing lost.
  auto stale =
      Api("PATCH", "/api/admin/stories/{id}", at, editor_stories,
          R"({"dek": "Overwritten?", "revision": )" + std::to_string(first_revision) + "}");
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(Json(Api("GET", "/api/admin/stories/{id}", at, editor_stories)).at("revision"),
            saved_revision);
  // Wrong bodies: named, and nothing changes.
  auto wrong_type =
      Api("PATCH", "/api/admin/stories/{id}", at, editor_stories, R"({"headline": 42})");
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_NE(wrong_type.body.find("headline"), std::string::npos);
  EXPECT_EQ(Api("PATCH", "/api/admin/stories/{id}", at, editor_stories, "{not json").status, 400);
  EXPECT_EQ(Api("PATCH", "/api/admin/stories/{id}", at, editor_stories, "[1,2]").status, 400);
  EXPECT_EQ(Api("PATCH", "/api/admin/stories/{id}", at, editor_stories, "\xff\xfe{}").status, 400);
  EXPECT_EQ(Api("PATCH", "/api/admin/stories/{id}", at, editor_stories, "dek=x",
                "application/x-www-form-urlencoded")
                .status,
            415);
  EXPECT_EQ(Api("POST", "/api/admin/stories", "/api/admin/stories", editor_stories,
                R"({"headline": "Access", "access": "everyone"})")
                .status,
            400);
  auto taken = Api("POST", "/api/admin/stories", "/api/admin/stories", editor_stories,
                   R"({"headline": "Talks resume in Geneva", "slug": "talks-resume-in-geneva",
                        "body_markdown": "Again."})");
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(
      Api("POST", "/api/admin/stories", "/api/admin/stories", editor_stories, "x", "text/plain")
          .status,
      415);
  EXPECT_EQ(Api("POST", "/api/admin/stories/{id}/publish", at + "/publish", editor_stories,
                R"({"at": "soon"})")
                .status,
            400);
  EXPECT_EQ(
      Api("GET", "/api/admin/stories/{id}", "/api/admin/stories/999999", editor_stories).status,
      404);
  EXPECT_EQ(
      Api("PATCH", "/api/admin/stories/{id}", "/api/admin/stories/999999", editor_stories, "{}")
          .status,
      404);
  EXPECT_EQ(Api("POST", "/api/admin/stories/{id}/publish", "/api/admin/stories/999999/publish",
                editor_stories)
                .status,
            404);
  EXPECT_EQ(Api("POST", "/api/admin/stories/{id}/unpublish", "/api/admin/stories/999999/unpublish",
                editor_stories)
                .status,
            404);
  auto down = Api("POST", "/api/admin/stories/{id}/unpublish", at + "/unpublish", editor_stories);
  EXPECT_EQ(down.status, 200) << down.body;
  EXPECT_NE(Browser(server_->port()).Get("/articles/talks-resume-in-geneva").status, 200);

  // A contributor writes, but does not publish, and does not open others' stories.
  auto own = Api("POST", "/api/admin/stories", "/api/admin/stories", contributor_stories,
                 R"({"headline": "From the contributor", "body_markdown": "Notes."})");
  ASSERT_EQ(own.status, 201) << own.body;
  std::string own_at = "/api/admin/stories/" + std::to_string(Json(own).at("id").as_int64());
  EXPECT_EQ(Api("POST", "/api/admin/stories/{id}/publish", own_at + "/publish", contributor_stories)
                .status,
            403);
  EXPECT_EQ(Api("POST", "/api/admin/stories/{id}/unpublish", at + "/unpublish", contributor_stories)
                .status,
            403);
  auto others = Api("GET", "/api/admin/stories/{id}", at, contributor_stories);
  EXPECT_EQ(others.status, 403) << others.body;
  EXPECT_EQ(
      Api("PATCH", "/api/admin/stories/{id}", at, contributor_stories, R"({"dek": "x"})").status,
      403);
  // Scopes narrow the role: an administrator's images-only token writes no story; an
  // editor's members token lists no members (editors do not manage members).
  EXPECT_EQ(Api("POST", "/api/admin/stories", "/api/admin/stories", admin_images,
                R"({"headline": "Not with this token"})")
                .status,
            403);
  EXPECT_EQ(Api("GET", "/api/admin/members", "/api/admin/members", editor_members).status, 403);
  EXPECT_EQ(Api("GET", "/api/admin/members", "/api/admin/members", editor_stories).status, 403);
  EXPECT_EQ(Api("POST", "/api/admin/images", "/api/admin/images?alt=x", editor_stories,
                MakePng(40, 30), "image/png")
                .status,
            403);

  // Real images: stored, sized, served.
  auto jpeg = Api("POST", "/api/admin/images",
                  "/api/admin/images?alt=Delegates%20at%20the%20table&credit=Ann%20Lee",
                  contributor_stories, MakeJpeg(1600, 900), "image/jpeg");
  ASSERT_EQ(jpeg.status, 201) << jpeg.body;
  auto image = Json(jpeg);
  EXPECT_EQ(image.at("width").as_int64(), 1600);
  EXPECT_EQ(image.at("height").as_int64(), 900);
  EXPECT_EQ(image.at("alt"), "Delegates at the table");
  std::string url(image.at("url").as_string());
  auto served = Browser(server_->port()).Get(url.substr(url.find("/media/")));
  EXPECT_EQ(served.status, 200);
  EXPECT_TRUE(Decode(served.body).ok);
  EXPECT_EQ(Api("POST", "/api/admin/images", "/api/admin/images?alt=A%20chart", contributor_stories,
                MakePng(300, 200), "image/png")
                .status,
            201);
  EXPECT_EQ(Api("POST", "/api/admin/images", "/api/admin/images", contributor_stories,
                MakePng(300, 200), "image/png")
                .status,
            400)
      << "an image without words for those who cannot see it";
  EXPECT_EQ(Api("POST", "/api/admin/images", "/api/admin/images?alt=x", contributor_stories,
                "not an image at all", "image/jpeg")
                .status,
            400);
  EXPECT_EQ(Api("POST", "/api/admin/images", "/api/admin/images?alt=x", contributor_stories,
                MakePng(30, 30), "application/octet-stream")
                .status,
            415);

  // Members, a page at a time; a comp gives digital access.
  std::string reader_email = UniqueEmail("api-reader");
  ASSERT_EQ(RunDateline(site_.With({"user", "add", reader_email, "--name", "Rea Der"})).exit_code,
            0);
  std::set<int64_t> member_ids;
  int64_t reader_id = 0;
  std::string next = "/api/admin/members?limit=2";
  for (int pages = 0; !next.empty() && pages < 10; ++pages) {
    auto page = Api("GET", "/api/admin/members", next, everything);
    ASSERT_EQ(page.status, 200) << page.body;
    auto o = Json(page);
    EXPECT_EQ(o.at("total").as_int64(), 5) << "these four and the first administrator";
    for (const auto& m : o.at("members").as_array()) {
      member_ids.insert(m.at("id").as_int64());
      if (m.at("email").as_string() == reader_email) reader_id = m.at("id").as_int64();
    }
    next = o.at("next").is_null() ? "" : Local(o.at("next"));
  }
  EXPECT_EQ(member_ids.size(), 5u);
  ASSERT_NE(reader_id, 0);
  auto found = Api("GET", "/api/admin/members", "/api/admin/members?q=api-reader", everything);
  EXPECT_EQ(Json(found).at("members").as_array().size(), 1u);
  EXPECT_EQ(Api("GET", "/api/admin/members", "/api/admin/members?after=abc", everything).status,
            400);
  std::string comp_at = "/api/admin/members/" + std::to_string(reader_id) + "/comp";
  auto comp = Api("PUT", "/api/admin/members/{id}/comp", comp_at, everything,
                  R"({"plan": "digital-monthly", "until": "2099-01-01T00:00:00Z"})");
  EXPECT_EQ(comp.status, 200) << comp.body;
  auto member = Json(Api("GET", "/api/admin/members",
                         "/api/admin/members?q=" + reader_email.substr(0, reader_email.find('@')),
                         everything))
                    .at("members")
                    .at(0);
  EXPECT_EQ(member.at("subscription").at("status"), "active");
  EXPECT_EQ(member.at("subscription").at("current_period_end"), "2099-01-01T00:00:00Z");
  EXPECT_EQ(Api("PUT", "/api/admin/members/{id}/comp", comp_at, everything,
                R"({"plan": "digital-monthly", "until": "next year"})")
                .status,
            400);
  EXPECT_EQ(
      Api("PUT", "/api/admin/members/{id}/comp", comp_at, everything, R"({"plan": 1})").status,
      400);
  EXPECT_EQ(Api("PUT", "/api/admin/members/{id}/comp", "/api/admin/members/999999/comp", everything,
                R"({"plan": "digital-monthly", "until": "2099-01-01T00:00:00Z"})")
                .status,
            404);
  EXPECT_EQ(Api("PUT", "/api/admin/members/{id}/comp", comp_at, editor_members,
                R"({"plan": "digital-monthly", "until": "2099-01-01T00:00:00Z"})")
                .status,
            403);
  // The comp taken away again (an editor may not); a second time there is none to end.
  EXPECT_EQ(Api("DELETE", "/api/admin/members/{id}/comp", comp_at, editor_members).status, 403);
  auto ended = Api("DELETE", "/api/admin/members/{id}/comp", comp_at, everything);
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(Json(ended).at("digital_access"), false);
  EXPECT_EQ(Api("DELETE", "/api/admin/members/{id}/comp", comp_at, everything).status, 404);

  // No token, a content key, a token whose member is no longer staff: 401 everywhere.
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "/api/admin/stories"},
           {"GET", "/api/admin/stories/{id}"},
           {"PATCH", "/api/admin/stories/{id}"},
           {"POST", "/api/admin/stories/{id}/publish"},
           {"POST", "/api/admin/stories/{id}/unpublish"},
           {"POST", "/api/admin/images"},
           {"GET", "/api/admin/members"},
           {"PUT", "/api/admin/members/{id}/comp"},
           {"DELETE", "/api/admin/members/{id}/comp"}}) {
    std::string target = std::regex_replace(path, std::regex("\\{id\\}"), id);
    auto r = Api(method, path, target, "", method == "GET" ? "" : "{}");
    EXPECT_EQ(r.status, 401) << method << " " << path;
  }
  ASSERT_EQ(RunDateline(site_.With({"user", "set-role", editor_email, "reader"})).exit_code, 0);
  EXPECT_EQ(Api("GET", "/api/admin/stories/{id}", at, editor_stories).status, 401)
      << "a token acts as its member's role today";
}

TEST_F(ApiTest, ContentKeysReadPublishedStoriesButNeverThePaywalledText) { ContentScenario(); }

TEST_F(ApiTest, StaffTokensActWithinTheirScopesAndTheirMembersRole) { AdminScenario(); }

TEST_F(ApiTest, EveryAnswerTheOpenApiFileDeclaresIsGivenAndFitsIt) {
  ContentScenario();
  AdminScenario();
  std::set<std::string> declared = spec_.Declared();
  for (const auto& d : declared) EXPECT_TRUE(spec_.Seen().count(d)) << "never seen: " << d;
  // And the checker itself fails what does not fit.
  EXPECT_NE(spec_.Check("GET", "/api/content/sections", 200, R"({"sections": [{"slug": 1}]})"), "");
  EXPECT_NE(spec_.Check("GET", "/api/content/sections", 200, R"({"sections": [], "x": 1})"), "");
  EXPECT_NE(spec_.Check("GET", "/api/content/sections", 418, "{}"), "");
  EXPECT_NE(spec_.Check("GET", "/api/content/stories", 200,
                        R"({"stories": [], "total": 0, "next": "later"})"),
            "")
      << "next is an absolute URI or null";
}

TEST_F(ApiTest, OnlyAdministratorsManageKeysAndATokenIsShownOnce) {
  auto editor = Staff(UniqueEmail("integrations-editor"), "editor");
  EXPECT_EQ(editor->Get("/admin/integrations").status, 403);
  EXPECT_EQ(editor
                ->Submit("/admin/articles/new", "/admin/integrations/keys",
                         {{"name", "Mine"}, {"kind", "content"}})
                .status,
            403);
  std::string key = ContentKey();
  ASSERT_FALSE(key.empty());
  auto page = admin_->Get("/admin/integrations");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find(key), std::string::npos) << "shown once, kept as a fingerprint";
  EXPECT_NE(page.body.find("…" + key.substr(key.size() - 4)), std::string::npos);
  EXPECT_EQ(site_.QueryInt("SELECT COUNT(*) FROM api_keys"), 1);
  // A staff token for a reader, or with no scope, is refused with what was typed kept.
  std::string reader = UniqueEmail("integrations-reader");
  ASSERT_EQ(RunDateline(site_.With({"user", "add", reader, "--name", "Rea"})).exit_code, 0);
  auto refused = admin_->Submit(
      "/admin/integrations", "/admin/integrations/keys",
      {{"name", "For a reader"}, {"kind", "staff"}, {"member", reader}, {"scope_stories", "on"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("value=\"For a reader\""), std::string::npos);
  auto no_scope =
      admin_->Submit("/admin/integrations", "/admin/integrations/keys",
                     {{"name", "Nothing"}, {"kind", "staff"}, {"member", admin_email_}});
  EXPECT_EQ(no_scope.status, 400);
  EXPECT_EQ(site_.QueryInt("SELECT COUNT(*) FROM api_keys"), 1);
  // The key never reaches the log, even when sent in the query.
  std::string content = ContentKey();
  Fetch(server_->port(), "GET", "/api/content/sections?key=" + content);
  EXPECT_EQ(server_->Output().find(content), std::string::npos);
}

// An endpoint registered on /admin/integrations hears, signed, what the Admin API and the
// command line change, from the running server's own sender.
TEST_F(ApiTest, WebhooksHearWhatTheApiAndTheNewsroomChange) {
  WebhookReceiver receiver;
  ASSERT_TRUE(receiver.running());
  std::vector<std::pair<std::string, std::string>> fields = {{"url", receiver.url()}};
  for (auto type : {"story.published", "story.updated", "story.unpublished", "member.created",
                    "subscription.changed"}) {
    fields.emplace_back(std::string("event_") + type, "on");
  }
  auto editor = Staff(UniqueEmail("hooks-editor"), "editor");
  EXPECT_EQ(editor->Submit("/admin/articles/new", "/admin/integrations/webhooks", fields).status,
            403);
  auto bad = admin_->Submit("/admin/integrations", "/admin/integrations/webhooks",
                            {{"url", "ftp://example.org/x"}, {"event_member.created", "on"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("value=\"ftp://example.org/x\""), std::string::npos);
  auto added = admin_->Submit("/admin/integrations", "/admin/integrations/webhooks", fields);
  ASSERT_EQ(added.status, 200) << added.body;
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(added.body, m, std::regex("<code class=\"secret\">(whsec_[^<]+)</code>")));
  std::string secret = m[1];
  EXPECT_EQ(site_.QueryInt("SELECT COUNT(*) FROM webhook_endpoints"), 1);

  std::string token = StaffToken(admin_email_, {"stories", "members"});
  ASSERT_FALSE(token.empty());
  auto made = Api("POST", "/api/admin/stories", "/api/admin/stories", token,
                  R"({"headline": "Hooks heard in Geneva", "body_markdown": "A first text."})");
  ASSERT_EQ(made.status, 201) << made.body;
  std::string at = "/api/admin/stories/" + std::to_string(Json(made).at("id").as_int64());
  ASSERT_EQ(Api("POST", "/api/admin/stories/{id}/publish", at + "/publish", token).status, 200);
  auto now = Json(Api("GET", "/api/admin/stories/{id}", at, token));
  ASSERT_EQ(Api("PATCH", "/api/admin/stories/{id}", at, token,
                R"({"body_markdown": "A second text.", "revision": )" +
                    std::to_string(now.at("revision").as_int64()) + "}")
                .status,
            200);
  ASSERT_EQ(Api("POST", "/api/admin/stories/{id}/unpublish", at + "/unpublish", token).status, 200);
  std::string reader_email = UniqueEmail("hooks-reader");
  ASSERT_EQ(RunDateline(site_.With({"user", "add", reader_email, "--name", "Hoo Ker"})).exit_code,
            0);
  auto found =
      Json(Api("GET", "/api/admin/members",
               "/api/admin/members?q=" + reader_email.substr(0, reader_email.find('@')), token));
  ASSERT_EQ(found.at("members").as_array().size(), 1u);
  int64_t reader_id = found.at("members").at(0).at("id").as_int64();
  ASSERT_EQ(Api("PUT", "/api/admin/members/{id}/comp",
                "/api/admin/members/" + std::to_string(reader_id) + "/comp", token,
                R"({"plan": "digital-monthly", "until": "2099-01-01T00:00:00Z"})")
                .status,
            200);

  // Five changes since the endpoint was registered (the editor's account came before it).
  ASSERT_TRUE(WaitFor([&] { return receiver.Count() >= 5; }, std::chrono::seconds(20)))
      << receiver.Count();
  std::multiset<std::string> types;
  for (const auto& r : receiver.Received()) {
    std::string type = r.Header("dateline-event");
    types.insert(type);
    EXPECT_TRUE(webhooks::VerifySignature(r.Header("dateline-signature"), r.body, secret,
                                          static_cast<int64_t>(std::time(nullptr)))
                    .ok())
        << type;
    json::value body = json::parse(r.body);
    EXPECT_EQ(body.at("type").as_string(), type);
    if (type.rfind("story.", 0) == 0) {
      EXPECT_EQ(body.at("data").at("slug"), "hooks-heard-in-geneva") << r.body;
    }
    if (type == "member.created") {
      EXPECT_EQ(body.at("data").at("email").as_string(), reader_email);
    }
    if (type == "subscription.changed") {
      EXPECT_EQ(body.at("data").at("member_id").as_int64(), reader_id) << r.body;
      EXPECT_EQ(body.at("data").at("subscription").at("status"), "active") << r.body;
    }
  }
  EXPECT_EQ(types,
            (std::multiset<std::string>{"story.published", "story.updated", "story.unpublished",
                                        "member.created", "subscription.changed"}));
  // The page lists what was delivered.
  ASSERT_TRUE(WaitFor([&] {
    return site_.QueryInt(
               "SELECT COUNT(*) FROM webhook_deliveries WHERE delivered_at IS NOT NULL") == 5;
  }));
  auto page = admin_->Get("/admin/integrations");
  EXPECT_NE(page.body.find("subscription.changed</td>"), std::string::npos);
  EXPECT_NE(page.body.find("delivered"), std::string::npos);
}

}  // namespace
}  // namespace dateline::testing
