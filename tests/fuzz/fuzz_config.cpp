// The configuration file: any TOML (or not), refused with a message or accepted whole.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/dateline-fuzz-config-" + std::to_string(getpid()) + ".toml";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  dateline::core::ConfigOverrides overrides;
  overrides.config_file = path;
  (void)dateline::core::LoadConfig(overrides, {});
  return 0;
}
