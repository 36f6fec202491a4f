#include "app/secret.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace dateline::app {
namespace {

core::Result<core::SecretKey> ReadSecret(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string hex = text.str();
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.pop_back();
  core::SecretKey key{};
  size_t len = 0;
  if (hex.size() != 64 ||
      sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
      len != key.size()) {
    return core::Error::InvalidArgument("setting 'secret_file': " + path +
                                        " does not hold 64 hex digits");
  }
  return key;
}

}  // namespace

core::Result<core::SecretKey> LoadOrCreateSecret(const std::string& path) {
  if (std::filesystem::exists(path)) return ReadSecret(path);
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  core::SecretKey key{};
  core::RandomBytes(key.data(), key.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, key.data(), key.size());
  // O_EXCL: two nodes starting at once on one data folder agree on one secret.
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return ReadSecret(path);
    return core::Error::Unavailable("setting 'secret_file': cannot create " + path + ": " +
                                    std::error_code(errno, std::generic_category()).message());
  }
  std::string line = std::string(hex) + "\n";
  bool ok = write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ok = fsync(fd) == 0 && ok;
  close(fd);
  if (!ok) return core::Error::Unavailable("setting 'secret_file': cannot write " + path);
  return key;
}

}  // namespace dateline::app
