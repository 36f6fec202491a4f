#include <dirent.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "harness.hpp"

namespace dateline::testing {
namespace {

std::string MailDir() {
  const char* dir = std::getenv("DATELINE_TEST_MAIL_DIR");
  if (!dir || !*dir) {
    throw std::runtime_error(
        "DATELINE_TEST_MAIL_DIR is not set: run the tests with scripts/run-tests (make test), "
        "which starts the SMTP test server");
  }
  return dir;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Files for `to`, oldest first (the sink numbers them in arrival order).
std::vector<std::string> FilesFor(const std::string& to) {
  std::vector<std::pair<long, std::string>> found;
  std::string suffix = "-" + to + ".txt";
  for (const auto& e : std::filesystem::directory_iterator(MailDir())) {
    std::string name = e.path().filename().string();
    if (name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      found.emplace_back(std::stol(name), e.path().string());
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(f.second);
  return out;
}

std::mutex seen_mu;
std::set<std::string> seen;  // files already returned by WaitForMail

}  // namespace

std::string UniqueEmail(const std::string& prefix) {
  std::random_device r;
  return prefix + "-" + std::to_string(r()) + std::to_string(r() % 1000) + "@example.org";
}

int CountMail(const std::string& to, const std::string& subject_part) {
  int n = 0;
  for (const auto& file : FilesFor(to)) {
    std::string text = ReadAll(file);
    auto at = text.find("subject: ");
    std::string subject = at == std::string::npos ? "" : text.substr(at, text.find('\n', at) - at);
    if (subject.find(subject_part) != std::string::npos) ++n;
  }
  return n;
}

std::optional<ReceivedMail> WaitForMail(const std::string& to, const std::string& subject_part,
                                        std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& file : FilesFor(to)) {
      {
        std::lock_guard lock(seen_mu);
        if (seen.count(file)) continue;
      }
      std::string text = ReadAll(file);
      ReceivedMail m;
      m.to = to;
      auto subject_at = text.find("subject: ");
      auto eol = text.find('\n', subject_at);
      m.subject = text.substr(subject_at + 9, eol - subject_at - 9);
      if (m.subject.find(subject_part) == std::string::npos) continue;
      m.text = text.substr(text.find("\n\n") + 2);
      m.raw = ReadAll(file.substr(0, file.size() - 4) + ".eml");
      m.html = ReadAll(file.substr(0, file.size() - 4) + ".html");
      std::lock_guard lock(seen_mu);
      seen.insert(file);
      return m;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return std::nullopt;
}

std::string CodeIn(const std::string& text) {
  static const std::regex code("\\b([2-9A-HJKMNP-TW-Z]{5}-[2-9A-HJKMNP-TW-Z]{5})\\b");
  std::smatch m;
  return std::regex_search(text, m, code) ? m[1].str() : std::string();
}

}  // namespace dateline::testing
