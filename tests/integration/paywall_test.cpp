// The paywall: text beyond the free paragraphs reaches only readers with access.

#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

std::string ArticleWith(const std::string& slug, const std::string& access) {
  return "---\nheadline: A " + access + " story\nslug: " + slug + "\naccess: " + access +
         "\n---\nFREEONE opening.\n\nFREETWO second.\n\nHIDDENTHREE third.\n\nHIDDENFOUR fourth.\n";
}

TEST(PaywallTest, HiddenParagraphsReachOnlyReadersWithAccess) {
  TestSite site;
  auto server = ServerProcess::Start(site);
  ASSERT_NE(server, nullptr);
  for (const auto& [slug, access] : {std::pair{"paid", "subscribers"}, {"members", "registered"}}) {
    std::ofstream(site.File(std::string(slug) + ".md")) << ArticleWith(slug, access);
    ASSERT_EQ(RunDateline(site.With({"article", "publish", site.File(std::string(slug) + ".md")}))
                  .exit_code,
              0);
  }
  auto added = RunDateline(site.With({"user", "add", "editor@example.org", "--role", "editor"}));
  auto at = added.output.find("one-time password: ");
  ASSERT_NE(at, std::string::npos);
  std::string staff_password = added.output.substr(at + 19, added.output.find('\n', at) - at - 19);
  auto reader_out = RunDateline(site.With({"user", "add", "reader2@example.org"}));
  auto rat = reader_out.output.find("one-time password: ");
  std::string reader_password =
      reader_out.output.substr(rat + 19, reader_out.output.find('\n', rat) - rat - 19);

  Browser anonymous(server->port()), reader(server->port()), staff(server->port());
  ASSERT_EQ(reader
                .Submit("/login", "/login",
                        {{"email", "reader2@example.org"}, {"password", reader_password}})
                .status,
            303);
  ASSERT_EQ(staff
                .Submit("/login", "/login",
                        {{"email", "editor@example.org"}, {"password", staff_password}})
                .status,
            303);

  struct Case {
    Browser* who;
    const char* path;
    bool full;
  } cases[] = {
      {&anonymous, "/articles/paid", false}, {&reader, "/articles/paid", false},
      {&staff, "/articles/paid", true},      {&anonymous, "/articles/members", false},
      {&reader, "/articles/members", true},  {&staff, "/articles/members", true},
  };
  for (const auto& c : cases) {
    auto page = c.who->Get(c.path);
    ASSERT_EQ(page.status, 200) << c.path;
    EXPECT_NE(page.body.find("FREEONE"), std::string::npos) << c.path;
    EXPECT_NE(page.body.find("FREETWO"), std::string::npos) << c.path;
    for (const char* hidden : {"HIDDENTHREE", "HIDDENFOUR"}) {
      EXPECT_EQ(page.body.find(hidden) != std::string::npos, c.full) << c.path << " " << hidden;
    }
    EXPECT_EQ(page.body.find("class=\"paywall\"") == std::string::npos, c.full) << c.path;
    EXPECT_NE(page.body.find("\"isAccessibleForFree\":false"), std::string::npos);
  }
  // A complimentary subscription lifts the paywall for the reader; revoking it restores it.
  auto granted = RunDateline(site.With({"subscription", "grant", "reader2@example.org", "--plan",
                                        "digital-monthly", "--until", "2099-12-31"}));
  ASSERT_EQ(granted.exit_code, 0) << granted.output;
  EXPECT_NE(reader.Get("/articles/paid").body.find("HIDDENFOUR"), std::string::npos);
  EXPECT_NE(reader.Get("/account").body.find("Digital, monthly"), std::string::npos);
  EXPECT_NE(RunDateline(site.With({"subscription", "grant", "reader2@example.org", "--plan",
                                   "digital-monthly", "--until", "2001-01-01"}))
                .exit_code,
            0)
      << "an end date in the past is refused";
  EXPECT_NE(RunDateline(site.With({"subscription", "grant", "reader2@example.org", "--plan",
                                   "no-such-plan", "--until", "2099-01-01"}))
                .exit_code,
            0);
  ASSERT_EQ(RunDateline(site.With({"subscription", "revoke", "reader2@example.org"})).exit_code, 0);
  EXPECT_EQ(reader.Get("/articles/paid").body.find("HIDDENFOUR"), std::string::npos);
  EXPECT_NE(reader.Get("/account").body.find("ended"), std::string::npos);
  EXPECT_EQ(anonymous.Get("/articles/paid").body.find("HIDDENFOUR"), std::string::npos);

  // Nor in the front page's excerpt.
  auto front = anonymous.Get("/");
  for (const char* hidden : {"HIDDENTHREE", "HIDDENFOUR", "FREEONE"}) {
    EXPECT_EQ(front.body.find(hidden), std::string::npos) << hidden;
  }
}

}  // namespace
}  // namespace dateline::testing
