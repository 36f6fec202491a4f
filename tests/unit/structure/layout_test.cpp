// The shape of the code, checked on every run, so it cannot drift back: SQL only in the
// stores, no permission decided in web/, no store handed to web/, Beast and Asio inside
// http/ alone. Each rule names the files that break it.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace dateline::testing {
namespace {

namespace fs = std::filesystem;

struct Source {
  std::string path;  // relative to src/
  std::string text;
};

std::vector<Source> Sources() {
  std::vector<Source> out;
  fs::path root = fs::path(DATELINE_TEST_SOURCE_DIR) / "src";
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    out.push_back({fs::relative(entry.path(), root).generic_string(), text.str()});
  }
  EXPECT_GT(out.size(), 100u) << "the sources were not found under " << root;
  return out;
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> Breaking(const std::regex& pattern, bool (*exempt)(const std::string&)) {
  std::vector<std::string> out;
  for (const auto& s : Sources()) {
    if (!exempt(s.path) && std::regex_search(s.text, pattern)) out.push_back(s.path);
  }
  return out;
}

TEST(LayoutTest, SqlLivesOnlyInTheStores) {
  // A string literal that opens with a statement, or names a table after FROM, INTO or
  // UPDATE.
  std::regex sql(
      R"re("\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\s|"[^"\n]*\b(FROM|INTO|JOIN)\s+[a-z_]+\b)re");
  auto breaking = Breaking(sql, [](const std::string& p) {
    // A domain's schema.cpp declares its tables (and seeds them).
    return StartsWith(p, "store/") || EndsWith(p, "_store.cpp") || EndsWith(p, "/schema.cpp");
  });
  EXPECT_TRUE(breaking.empty()) << "SQL outside src/store, *_store.cpp and */schema.cpp: "
                                << ::testing::PrintToString(breaking);
}

TEST(LayoutTest, WebDecidesNoPermission) {
  // Capabilities and roles are the domains' to weigh; web/ resolves the actor (kit/visitor)
  // and shows what the services allow.
  std::regex decides(R"(\.Can\(|Capability::|Role::k|RoleRank\(|CapabilitiesOf\(|\bPermit\()");
  auto breaking = Breaking(decides, [](const std::string& p) {
    return !StartsWith(p, "web/") || p == "web/kit/visitor.cpp";
  });
  EXPECT_TRUE(breaking.empty()) << "permission decided in web/: "
                                << ::testing::PrintToString(breaking);
}

TEST(LayoutTest, WebNeverHoldsTheStore) {
  std::regex store(R"(#include "store/|store::Db\b)");
  auto breaking = Breaking(store, [](const std::string& p) { return !StartsWith(p, "web/"); });
  EXPECT_TRUE(breaking.empty()) << "web/ reaching the store: "
                                << ::testing::PrintToString(breaking);
}

TEST(LayoutTest, DomainsDoNotKnowHttp) {
  std::regex http(R"(#include "(http|web)/)");
  // (notify/ writes emails, links included, so it may use http/'s URL helpers.)
  const char* domains[] = {"accounts/", "articles/", "comments/",  "subscriptions/",
                           "pages/",    "mail/",     "ratelimit/", "audit/"};
  std::vector<std::string> breaking;
  for (const auto& s : Sources()) {
    bool domain = false;
    for (const char* d : domains) domain = domain || StartsWith(s.path, d);
    if (domain && std::regex_search(s.text, http)) breaking.push_back(s.path);
  }
  EXPECT_TRUE(breaking.empty()) << "a domain including http/ or web/: "
                                << ::testing::PrintToString(breaking);
}

TEST(LayoutTest, BeastAndAsioStayInHttp) {
  std::regex beast(R"(#include <boost/(beast|asio))");
  auto breaking = Breaking(beast, [](const std::string& p) {
    return p == "http/server.cpp" || p == "http/request_parser.cpp";
  });
  EXPECT_TRUE(breaking.empty()) << "Beast or Asio outside http/server.cpp and "
                                   "http/request_parser.cpp: "
                                << ::testing::PrintToString(breaking);
}

TEST(LayoutTest, EveryDomainFolderHasAReadme) {
  fs::path root = fs::path(DATELINE_TEST_SOURCE_DIR) / "src";
  std::vector<std::string> missing;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && !fs::exists(entry.path() / "README.md")) {
      missing.push_back(entry.path().filename().string());
    }
  }
  EXPECT_TRUE(missing.empty()) << "src/ folders without a README.md: "
                               << ::testing::PrintToString(missing);
}

}  // namespace
}  // namespace dateline::testing
