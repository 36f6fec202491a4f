#pragma once
// Every setting Dateline reads, with its default. Sources, later ones winning: built-in
// defaults, the TOML file (--config), DATELINE_* environment variables, command-line flags.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace dateline::core {

struct HttpConfig {
  int threads = 2;  // I/O threads
  int64_t max_header_bytes = 16 * 1024;
  int64_t max_body_bytes = 1024 * 1024;
  double header_timeout = 10;  // seconds to receive a whole request head
  double body_timeout = 30;    // seconds to receive a whole body
  double idle_timeout = 60;    // seconds a kept-alive connection may sit idle
  double write_timeout = 30;   // seconds to send a response
  int max_connections = 10000;
  double shutdown_grace = 10;  // seconds in-flight requests get at shutdown
  bool access_log = true;
};

struct Config {
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 8080;
  std::string data_dir = "data";
  std::string store;        // empty: sqlite:///<data_dir>/dateline.db
  int store_pool_size = 8;  // PostgreSQL connections per process
  std::string site_url;     // empty: http://<listen>
  std::string site_title = "The Dateline";
  std::string resources_dir;  // templates/, static/, content/; empty: found next to the binary
  std::string admin_email = "admin@example.com";  // the first admin, created on first start
  std::string log_level = "info";
  HttpConfig http;

  // The store URL after defaults are applied.
  std::string StoreUrl() const;
  std::string SiteUrl() const;
};

// Values given on the command line; unset ones leave the lower layers alone.
struct ConfigOverrides {
  std::optional<std::string> config_file;
  std::optional<std::string> listen;
  std::optional<std::string> data_dir;
  std::optional<std::string> store;
};

using Environment = std::map<std::string, std::string>;

// Reads DATELINE_* variables from the process environment.
Environment ProcessEnvironment();

// Builds the effective configuration. A bad value fails with a message that names the key
// (as written in the file, the variable or the flag) and the reason.
Result<Config> LoadConfig(const ConfigOverrides& overrides, const Environment& env);

// Parses "host:port" (IPv6 as [::1]:8080).
Result<void> ParseListen(const std::string& text, const std::string& key, Config& config);

}  // namespace dateline::core
