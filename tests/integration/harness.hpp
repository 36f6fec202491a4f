#pragma once
// Test harness: runs the real dateline binary and speaks raw HTTP/1.1 to it over TCP,
// so tests see exactly what a browser or a hostile client would.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "../support/temp_dir.hpp"
#include "core/result.hpp"

namespace dateline::testing {

// Every integration test runs twice: once on SQLite, once on PostgreSQL (CTest sets
// DATELINE_TEST_STORE; scripts/run-tests starts the cluster and sets DATELINE_TEST_PG).
enum class StoreKind { kSqlite, kPostgres };
StoreKind TestStoreKind();
std::string PostgresBaseUrl();  // postgres://postgres@127.0.0.1:PORT (throws if unset)

// A data folder and a store of its own for one test: a SQLite file in the folder, or a
// fresh PostgreSQL database that is dropped afterwards.
class TestSite {
 public:
  explicit TestSite(StoreKind kind = TestStoreKind());
  ~TestSite();
  TestSite(const TestSite&) = delete;

  StoreKind kind() const { return kind_; }
  const std::string& dir() const { return dir_.path(); }
  std::string File(const std::string& name) const { return dir_.File(name); }
  const std::string& store_url() const { return store_url_; }
  const std::string& database() const { return database_; }
  // COMMAND... --data-dir DIR --store URL
  std::vector<std::string> With(std::vector<std::string> command) const;
  // Runs SQL against this site's store directly (to break or inspect it).
  core::Result<void> RunSql(const std::string& sql) const;
  // The first column of the first row of a query (COUNT(*) and the like); -1 on failure.
  int64_t QueryInt(const std::string& sql) const;
  // Waits until the server has handed every queued email to the mail server (instead of
  // sleeping and hoping); false after `timeout`. Then CountMail tells the whole story.
  bool WaitForOutboxDrained(std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

 private:
  StoreKind kind_;
  TempDir dir_;
  std::string store_url_;
  std::string database_;  // PostgreSQL only
};

// SQL on the PostgreSQL cluster's maintenance database (to cut connections, etc.).
core::Result<void> RunAdminSql(const std::string& sql);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// The password `dateline user add` printed, or empty.
std::string OneTimePasswordIn(const CommandResult& added);

// Runs `dateline ARGS...` to completion.
CommandResult RunDateline(const std::vector<std::string>& args,
                          const std::vector<std::pair<std::string, std::string>>& env = {});

// Runs `dateline COMMAND...` against `site` and expects it to succeed; its output.
std::string RunOk(const TestSite& site, const std::vector<std::string>& command);

// Starts a helper program (a test server written as a script) with stdin closed and
// stdout piped, and reads its first line, which such helpers print once they are ready.
// `first_line` is empty when it died first.
// A dateline command running in the background (an import to interrupt), its output
// (stdout and stderr) in a file read as it grows.
class RunningCommand {
 public:
  explicit RunningCommand(const std::vector<std::string>& args);
  ~RunningCommand();
  RunningCommand(const RunningCommand&) = delete;
  RunningCommand& operator=(const RunningCommand&) = delete;
  std::string Output() const;
  void Signal(int signal);
  // The exit status (-1: ended by a signal).
  int Wait();

 private:
  pid_t pid_ = -1;
  std::string log_path_;
  bool waited_ = false;
};

// The schema version this build's migrations reach (what a migrated store reports).
int CurrentSchemaVersion();

// A story's access as a number: 0 free, 1 registered readers, 2 subscribers.
int64_t ArticleAccess(const TestSite& site, const std::string& slug);

// The counts row of a kind in an import's report ("  stories   4   0   1" -> {4, 0, 1});
// empty when the report has no such row.
std::vector<int> ImportRow(const std::string& report, const std::string& kind);

struct Helper {
  pid_t pid = -1;
  std::string first_line;
};
Helper StartHelper(const std::vector<std::string>& argv);

// How to start a server beyond its arguments.
struct ServerEnvironment {
  std::vector<std::pair<std::string, std::string>> env;  // extra variables
  long open_files = 0;  // if set, RLIMIT_NOFILE (soft and hard) for the process
};

class ServerProcess {
 public:
  // Starts `dateline serve --listen 127.0.0.1:0 --data-dir DIR --store URL EXTRA...` and
  // waits until it logs the port it listens on. Null (output printed) on failure.
  static std::unique_ptr<ServerProcess> Start(const TestSite& site,
                                              const std::vector<std::string>& extra_args = {},
                                              const ServerEnvironment& environment = {});
  ~ServerProcess();

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Resident memory and CPU seconds (user + system) so far, from /proc.
  long ResidentKiB() const;
  double CpuSeconds() const;
  void Signal(int signal);
  // Waits for the process to exit; returns its exit code, or -1 on timeout or signal.
  int WaitForExit(std::chrono::milliseconds timeout);
  std::string Output() const;

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string log_path_;
  bool exited_ = false;
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;
  std::string Header(const std::string& lower_name) const;
};

class HttpConnection {
 public:
  explicit HttpConnection(uint16_t port);
  ~HttpConnection();
  bool connected() const { return fd_ >= 0; }
  bool Send(const std::string& bytes);
  // Reads one response; nullopt if the connection closed or timed out first.
  std::optional<HttpResponse> Read(bool head_request = false,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // True if the peer closes the connection within `timeout` (reading and discarding).
  bool WaitForClose(std::chrono::milliseconds timeout);
  // True if the peer closes with a FIN within `timeout`; false on a reset or no close.
  bool ClosedWithoutReset(std::chrono::milliseconds timeout);
  // For streams (Server-Sent Events): reads until `needle` has arrived (true) or the
  // timeout passes. Everything read so far is in received().
  bool ReadUntil(const std::string& needle, std::chrono::milliseconds timeout);
  const std::string& received() const { return buffer_; }

 private:
  bool Fill(std::chrono::steady_clock::time_point deadline);
  int DrainToEnd(std::chrono::milliseconds timeout);
  int fd_ = -1;
  std::string buffer_;
};

// One request on a fresh connection.
std::optional<HttpResponse> Fetch(uint16_t port, const std::string& method,
                                  const std::string& target,
                                  const std::vector<std::string>& extra_headers = {},
                                  const std::string& body = "");

// The project's root folder (for content files).
std::string SourceDir();

// Email received by the test SMTP server (scripts/smtp-sink, started by scripts/run-tests).
struct ReceivedMail {
  std::string to;
  std::string subject;
  std::string text;  // the plain-text part
  std::string html;  // the HTML part, decoded
  std::string raw;   // the whole RFC 5322 message
};
// A fresh address nobody else in the run uses.
std::string UniqueEmail(const std::string& prefix);
// Waits for an email to `to` whose subject contains `subject_part` and that no earlier
// call returned. nullopt after `timeout`.
std::optional<ReceivedMail> WaitForMail(
    const std::string& to, const std::string& subject_part,
    std::chrono::milliseconds timeout = std::chrono::seconds(10));
// How many emails `to` has received so far (whose subject contains `subject_part`).
int CountMail(const std::string& to, const std::string& subject_part = "");
// The reset or confirmation code in an email ("K7QF9-M2DXP"), or empty.
std::string CodeIn(const std::string& text);

// A cookie-keeping client that fills in CSRF tokens, as a browser with our pages would.
class Browser {
 public:
  explicit Browser(uint16_t port) : port_(port) {}
  HttpResponse Get(const std::string& path, const std::vector<std::string>& headers = {});
  HttpResponse Head(const std::string& path);
  // GETs `form_page`, takes its CSRF token, and POSTs `fields` (plus csrf) to `action`.
  HttpResponse Submit(const std::string& form_page, const std::string& action,
                      const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::vector<std::string>& headers = {});
  // POSTs exactly what it is given (no token added), with the browser's cookies.
  HttpResponse Post(const std::string& action, const std::string& body,
                    const std::vector<std::string>& headers = {});
  // Signs in an account made with `dateline user add` and replaces its one-time password
  // with kOwnPassword, as the server insists; the sign-in's answer (303), or what failed.
  HttpResponse LogInFirstTime(const std::string& email, const std::string& one_time);
  static constexpr const char* kOwnPassword = "a passphrase of my very own";
  std::string CookieValue(const std::string& name) const;
  void DropCookie(const std::string& name);
  uint16_t port() const { return port_; }

 private:
  HttpResponse Send(const std::string& method, const std::string& path, const std::string& body,
                    const std::vector<std::string>& headers);
  uint16_t port_;
  std::vector<std::pair<std::string, std::string>> cookies_;
};

// Asks `condition` every 25 ms until it holds (true) or `timeout` passes (false): for
// what another process changes and this one notices on its own schedule.
bool WaitFor(const std::function<bool()>& condition,
             std::chrono::milliseconds timeout = std::chrono::seconds(3));

// Follows a list's "Older stories" (rel="next") links from `first_path`, collecting every
// /articles/ address linked on the way; `pages` gets how many pages were read (at most
// `max_pages`). Fails the test on a page that is not 200.
std::set<std::string> WalkStoryPages(uint16_t port, const std::string& first_path,
                                     int* pages = nullptr, int max_pages = 100);

// A browser signed in as a new account with `role` (made with `dateline user add`, its
// one-time password replaced as the server insists).
std::unique_ptr<Browser> SignedInAs(const TestSite& site, const ServerProcess& server,
                                    const std::string& name, const std::string& role);

// The CSRF token in a page's first form, or empty.
std::string CsrfIn(const std::string& html);
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace dateline::testing
