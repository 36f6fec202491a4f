#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "mail/transport.hpp"

namespace dateline::mail {
namespace {

class FileTransport final : public Transport {
 public:
  explicit FileTransport(std::string dir) : dir_(std::move(dir)) {}

  core::Result<void> Send(const std::string&, const std::string& to,
                          const std::string& rfc5322) override {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return core::Error::Unavailable("cannot create " + dir_ + ": " + ec.message());
    auto now = std::chrono::system_clock::now().time_since_epoch();
    std::string path =
        fmt::format("{}/{}-{}.eml", dir_,
                    std::chrono::duration_cast<std::chrono::milliseconds>(now).count(), counter_++);
    std::string temp = path + ".tmp";
    {
      std::ofstream out(temp, std::ios::binary);
      out << rfc5322;
      if (!out) return core::Error::Unavailable("cannot write " + temp);
    }
    std::filesystem::rename(temp, path, ec);  // readers never see half a message
    if (ec) return core::Error::Unavailable("cannot write " + path + ": " + ec.message());
    spdlog::info("mail to {} written to {}", to, path);
    return {};
  }

  std::string Describe() const override { return "file:" + dir_; }
  double MaxSendSeconds() const override { return 10; }

  core::Result<void> Check() override {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return core::Error::Unavailable("cannot create " + dir_ + ": " + ec.message());
    std::string probe = dir_ + "/.doctor-probe";
    {
      std::ofstream out(probe, std::ios::binary);
      out << "probe";
      if (!out) return core::Error::Unavailable("cannot write into " + dir_);
    }
    std::filesystem::remove(probe, ec);
    return {};
  }

 private:
  std::string dir_;
  std::atomic<int> counter_{0};
};

}  // namespace

std::unique_ptr<Transport> MakeFileTransport(std::string dir) {
  return std::make_unique<FileTransport>(std::move(dir));
}

}  // namespace dateline::mail
