#include "harness.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "app/schema.hpp"

namespace dateline::testing {
namespace {

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string TempLogPath() {
  char name[] = "/tmp/dateline-it-log-XXXXXX";
  int fd = mkstemp(name);
  close(fd);
  return name;
}

// fork + exec the binary with stdout/stderr into `log_path`.
pid_t Spawn(const std::vector<std::string>& args,
            const std::vector<std::pair<std::string, std::string>>& env,
            const std::string& log_path, long open_files = 0) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  if (open_files > 0) {
    rlimit limit{static_cast<rlim_t>(open_files), static_cast<rlim_t>(open_files)};
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  int fd = open(log_path.c_str(), O_WRONLY | O_TRUNC);
  dup2(fd, 1);
  dup2(fd, 2);
  int devnull = open("/dev/null", O_RDONLY);
  dup2(devnull, 0);
  for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
  std::vector<char*> argv;
  std::string binary = DATELINE_BINARY;
  argv.push_back(binary.data());
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(binary.c_str(), argv.data());
  _exit(127);
}

}  // namespace

std::string SourceDir() { return DATELINE_SOURCE_DIR; }

std::string OneTimePasswordIn(const CommandResult& added) {
  auto at = added.output.find("one-time password: ");
  if (at == std::string::npos) return "";
  return added.output.substr(at + 19, added.output.find('\n', at) - at - 19);
}

CommandResult RunDateline(const std::vector<std::string>& args,
                          const std::vector<std::pair<std::string, std::string>>& env) {
  std::string log = TempLogPath();
  pid_t pid = Spawn(args, env, log);
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.output = ReadWhole(log);
  std::remove(log.c_str());
  return r;
}

RunningCommand::RunningCommand(const std::vector<std::string>& args) : log_path_(TempLogPath()) {
  pid_ = Spawn(args, {}, log_path_);
}

RunningCommand::~RunningCommand() {
  if (!waited_) {
    kill(pid_, SIGKILL);
    Wait();
  }
  std::remove(log_path_.c_str());
}

std::string RunningCommand::Output() const { return ReadWhole(log_path_); }

void RunningCommand::Signal(int signal) { kill(pid_, signal); }

int RunningCommand::Wait() {
  int status = 0;
  waitpid(pid_, &status, 0);
  waited_ = true;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int CurrentSchemaVersion() { return app::Schema().migrations.back().version; }

int64_t ArticleAccess(const TestSite& site, const std::string& slug) {
  return site.QueryInt(
      "SELECT CASE access WHEN 'free' THEN 0 WHEN 'registered' THEN 1 ELSE 2 END FROM articles "
      "WHERE slug = '" +
      slug + "'");
}

std::vector<int> ImportRow(const std::string& report, const std::string& kind) {
  std::smatch m;
  if (!std::regex_search(report, m,
                         std::regex("\n  " + kind + " +([0-9]+) +([0-9]+) +([0-9]+)\n"))) {
    return {};
  }
  return {std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
}

std::string RunOk(const TestSite& site, const std::vector<std::string>& command) {
  auto result = RunDateline(site.With(command));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  return result.output;
}

Helper StartHelper(const std::vector<std::string>& argv_in) {
  Helper h;
  int out[2];
  if (pipe(out) != 0) return h;
  h.pid = fork();
  if (h.pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 0);
    std::vector<std::string> args = argv_in;
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(args[0].c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  char c;
  while (h.first_line.find('\n') == std::string::npos && read(out[0], &c, 1) == 1) {
    h.first_line += c;
  }
  close(out[0]);
  return h;
}

std::unique_ptr<ServerProcess> ServerProcess::Start(const TestSite& site,
                                                    const std::vector<std::string>& extra_args,
                                                    const ServerEnvironment& environment) {
  auto p = std::unique_ptr<ServerProcess>(new ServerProcess());
  p->log_path_ = TempLogPath();
  std::vector<std::string> args = site.With({"serve", "--listen", "127.0.0.1:0"});
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<std::pair<std::string, std::string>> env;
  if (const char* smtp = std::getenv("DATELINE_TEST_SMTP_URL")) {
    env = {{"DATELINE_MAIL_TRANSPORT", "smtp"}, {"DATELINE_SMTP_URL", smtp}};
  }
  env.insert(env.end(), environment.env.begin(), environment.env.end());
  p->pid_ = Spawn(args, env, p->log_path_, environment.open_files);
  const std::string marker = "listening on 127.0.0.1:";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string out = ReadWhole(p->log_path_);
    auto at = out.find(marker);
    if (at != std::string::npos) {
      p->port_ = static_cast<uint16_t>(std::stoi(out.substr(at + marker.size())));
      return p;
    }
    int status;
    if (waitpid(p->pid_, &status, WNOHANG) == p->pid_) {
      p->exited_ = true;
      std::fprintf(stderr, "dateline exited early:\n%s\n", out.c_str());
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::fprintf(stderr, "dateline did not start:\n%s\n", ReadWhole(p->log_path_).c_str());
  return nullptr;
}

ServerProcess::~ServerProcess() {
  if (!exited_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::remove(log_path_.c_str());
}

void ServerProcess::Signal(int signal) { kill(pid_, signal); }

int ServerProcess::WaitForExit(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;
}

std::string ServerProcess::Output() const { return ReadWhole(log_path_); }

long ServerProcess::ResidentKiB() const {
  std::string status = ReadWhole("/proc/" + std::to_string(pid_) + "/status");
  auto at = status.find("VmRSS:");
  return at == std::string::npos ? -1 : std::stol(status.substr(at + 6));
}

double ServerProcess::CpuSeconds() const {
  std::string stat = ReadWhole("/proc/" + std::to_string(pid_) + "/stat");
  // Fields after the command name (which may hold spaces) start past the last ')'.
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14) utime = std::stol(field);
    if (i == 15) stime = std::stol(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string HttpResponse::Header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return {};
}

HttpConnection::HttpConnection(uint16_t port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd_);
    fd_ = -1;
  }
}

HttpConnection::~HttpConnection() {
  if (fd_ >= 0) close(fd_);
}

bool HttpConnection::Send(const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

bool HttpConnection::ReadUntil(const std::string& needle, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (buffer_.find(needle) == std::string::npos) {
    if (!Fill(deadline)) return false;
  }
  return true;
}

bool HttpConnection::Fill(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char chunk[16384];
  ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) return false;
  buffer_.append(chunk, static_cast<size_t>(n));
  return true;
}

std::optional<HttpResponse> HttpConnection::Read(bool head_request,
                                                 std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill(deadline)) return std::nullopt;
  }
  HttpResponse r;
  std::istringstream head(buffer_.substr(0, end));
  std::string line;
  std::getline(head, line);
  if (line.size() < 12) return std::nullopt;
  r.status = std::stoi(line.substr(9, 3));
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    r.headers.emplace_back(name, value);
  }
  buffer_.erase(0, end + 4);
  size_t length = 0;
  std::string cl = r.Header("content-length");
  if (!cl.empty() && !head_request && r.status != 304) length = std::stoul(cl);
  while (buffer_.size() < length) {
    if (!Fill(deadline)) return std::nullopt;
  }
  r.body = buffer_.substr(0, length);
  buffer_.erase(0, length);
  return r;
}

// Reads and discards until the peer closes: 0 for a FIN, -1 for a reset, 1 if neither
// came within `timeout`.
int HttpConnection::DrainToEnd(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 50) > 0) {
      char chunk[4096];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return n == 0 ? 0 : -1;
    }
  }
  return 1;
}

bool HttpConnection::WaitForClose(std::chrono::milliseconds timeout) {
  return DrainToEnd(timeout) != 1;
}

bool HttpConnection::ClosedWithoutReset(std::chrono::milliseconds timeout) {
  return DrainToEnd(timeout) == 0;  // a reset may have thrown the answer away
}

std::optional<HttpResponse> Fetch(uint16_t port, const std::string& method,
                                  const std::string& target,
                                  const std::vector<std::string>& extra_headers,
                                  const std::string& body) {
  HttpConnection c(port);
  if (!c.connected()) return std::nullopt;
  std::string req = method + " " + target + " HTTP/1.1\r\n";
  bool has_host = false;
  for (const auto& h : extra_headers) has_host = has_host || h.rfind("Host:", 0) == 0;
  if (!has_host) req += "Host: 127.0.0.1\r\n";
  for (const auto& h : extra_headers) req += h + "\r\n";
  if (!body.empty() || method == "POST")
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "Connection: close\r\n\r\n" + body;
  if (!c.Send(req)) return std::nullopt;
  return c.Read(method == "HEAD");
}

std::unique_ptr<Browser> SignedInAs(const TestSite& site, const ServerProcess& server,
                                    const std::string& name, const std::string& role) {
  std::string email = UniqueEmail(name);
  std::string password = OneTimePasswordIn(
      RunDateline(site.With({"user", "add", email, "--name", name, "--role", role})));
  auto browser = std::make_unique<Browser>(server.port());
  EXPECT_EQ(browser->LogInFirstTime(email, password).status, 303) << name;
  return browser;
}

bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
}

std::set<std::string> WalkStoryPages(uint16_t port, const std::string& first_path, int* pages,
                                     int max_pages) {
  std::set<std::string> seen;
  std::string path = first_path;
  int read = 0;
  while (!path.empty() && read < max_pages) {
    auto page = Fetch(port, "GET", path);
    EXPECT_TRUE(page && page->status == 200) << path;
    if (!page || page->status != 200) break;
    ++read;
    for (size_t at = page->body.find("href=\"/articles/"); at != std::string::npos;
         at = page->body.find("href=\"/articles/", at + 1)) {
      std::string href = page->body.substr(at + 6, page->body.find('"', at + 6) - at - 6);
      if (href.find('#') == std::string::npos) seen.insert(href);
    }
    size_t older = page->body.find("rel=\"next\"");
    if (older == std::string::npos) break;
    size_t href = page->body.rfind("href=\"", older);
    path = page->body.substr(href + 6, page->body.find('"', href + 6) - href - 6);
    size_t amp;
    while ((amp = path.find("&amp;")) != std::string::npos) path.replace(amp, 5, "&");
  }
  if (pages) *pages = read;
  return seen;
}

}  // namespace dateline::testing
