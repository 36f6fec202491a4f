// Mail is DKIM-signed when a key is configured, and dkimpy (python3-dkim, as a receiving
// server runs it) verifies the signature with the public key: a newsletter issue (whose
// List-Unsubscribe headers RFC 8058 wants signed) and an account email from the outbox.
// A message changed in transit fails, so the check is not vacuous.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

// Runs tests/support/dkim-verify on `message`; its exit code.
int Verify(const TestSite& site, const std::string& message) {
  std::ofstream(site.File("message.eml"), std::ios::binary) << message;
  std::string command = SourceDir() + "/tests/support/dkim-verify " + site.File("record.txt") +
                        " < " + site.File("message.eml") + " > " + site.File("verify.log") +
                        " 2>&1";
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(NewsletterDkimTest, SignaturesVerifyWithThePublicKeyAndBreakWhenTheMessageChanges) {
  TestSite site;
  // A fresh key, and its DNS record as an operator would publish it.
  std::string key = site.File("dkim.pem");
  std::string make = "openssl genrsa -out " + key +
                     " 2048 2>/dev/null && printf 'v=DKIM1; k=rsa; p=%s' "
                     "\"$(openssl rsa -in " +
                     key + " -pubout -outform DER 2>/dev/null | base64 -w0)\" > " +
                     site.File("record.txt");
  ASSERT_EQ(std::system(make.c_str()), 0);
  std::ofstream(site.File("dateline.toml"))
      << "[mail]\nfrom_address = \"news@example.org\"\ndkim_key_file = \"" << key
      << "\"\ndkim_selector = \"may2026\"\n";
  RunOk(site, {"newsletter", "add", "Morning Briefing"});
  std::string reader = UniqueEmail("signed");
  std::ofstream(site.File("list.csv")) << reader << ",Signed Reader,2025-01-01\n";
  RunOk(site, {"newsletter", "import", "morning-briefing", site.File("list.csv")});
  auto server = ServerProcess::Start(site, {"--config", site.File("dateline.toml")});
  ASSERT_NE(server, nullptr);
  RunOk(site, {"newsletter", "send", "morning-briefing", "--article", "kerry-lavrov-syria-truce",
               "--subject", "Signed issue", "--config", site.File("dateline.toml")});
  auto issue = WaitForMail(reader, "Signed issue");
  ASSERT_TRUE(issue);
  EXPECT_NE(issue->raw.find("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; "
                            "d=example.org; s=may2026;"),
            std::string::npos);
  ASSERT_EQ(Verify(site, issue->raw), 0) << ReadFile(site.File("verify.log"));
  EXPECT_NE(ReadFile(site.File("verify.log")).find("list-unsubscribe-post"), std::string::npos)
      << ReadFile(site.File("verify.log"));
  // Changed in transit: one character of the body, or the unsubscribe link.
  std::string changed = issue->raw;
  size_t body = changed.find("\r\n\r\n") + 10;
  changed[body] = changed[body] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Verify(site, changed), 1);
  std::string relinked = issue->raw;
  size_t link = relinked.find("List-Unsubscribe: <") + 19;
  relinked.insert(link, "x");
  EXPECT_EQ(Verify(site, relinked), 1);

  // Account mail from the outbox is signed with the same key.
  Browser visitor(server->port());
  std::string stranger = UniqueEmail("outbox");
  visitor.Submit("/newsletters", "/newsletters",
                 {{"email", stranger}, {"newsletter", "morning-briefing"}});
  auto confirm = WaitForMail(stranger, "Confirm your newsletters");
  ASSERT_TRUE(confirm);
  EXPECT_EQ(Verify(site, confirm->raw), 0) << ReadFile(site.File("verify.log"));
}

TEST(NewsletterDkimTest, AnUnreadableKeyStopsTheStart) {
  TestSite site;
  std::ofstream(site.File("dateline.toml"))
      << "[mail]\ndkim_key_file = \"" << site.File("none.pem") << "\"\n";
  auto result = RunDateline(
      site.With({"serve", "--listen", "127.0.0.1:0", "--config", site.File("dateline.toml")}));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("none.pem"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace dateline::testing
