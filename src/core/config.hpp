#pragma once
// Every setting Dateline reads, with its default. Sources, later ones winning: built-in
// defaults, the TOML file (--config), DATELINE_* environment variables, command-line flags.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

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
  int worker_threads = 4;      // for requests that may block (writes, hashing)
  int worker_queue = 1024;     // waiting requests beyond this get 503
  // For requests that change the store (POST and the like): they mostly wait for the disk,
  // and as many as run at once share one group commit (store/sqlite/group_commit.hpp).
  int writer_threads = 16;
  bool access_log = true;
  // Peers whose X-Forwarded-For names the client (addresses or CIDR ranges).
  std::vector<std::string> trusted_proxies = {"127.0.0.0/8", "::1"};
  int max_streams = 2000;          // live-comment streams in all, apart from max_connections
  int max_streams_per_client = 8;  // per client address
};

struct MailConfig {
  std::string transport = "file";  // "file": .eml files under dir; "smtp": a mail server
  std::string dir;                 // empty: DATA_DIR/mail
  std::string smtp_url;            // smtp://host:587 (STARTTLS) or smtps://host:465
  bool smtp_require_tls = false;
  std::string smtp_username;
  std::string smtp_password;
  std::string from_address;   // empty: news@<site host>
  std::string from_name;      // empty: the site title
  std::string dkim_key_file;  // a PEM RSA private key: every message is DKIM-signed; empty: none
  std::string dkim_selector = "dateline";  // the DNS name: SELECTOR._domainkey.DOMAIN
  std::string dkim_domain;                 // empty: the sender's domain
};

// How subscriptions are paid for: "manual" (admins and gift codes; works offline) or
// "stripe" (Checkout, the billing portal, and webhooks at /webhooks/stripe).
struct PaymentsConfig {
  std::string provider = "manual";
  std::string stripe_api_base = "https://api.stripe.com";
  std::string stripe_secret_key;      // sk_...
  std::string stripe_webhook_secret;  // whsec_...: the webhook endpoint's signing secret
};

// Images: what an upload may be, and how much memory this node keeps of served files.
struct MediaConfig {
  int64_t max_upload_bytes = 20 * 1024 * 1024;
  int64_t max_megapixels = 50;  // width times height, before anything is decoded
  int64_t cache_bytes = 256 << 20;
};

// Newsletters: how fast they go out, where bounces come back, and how they are signed.
struct NewslettersConfig {
  int64_t per_minute = 60000;         // messages a minute from this node, at most
  int64_t per_domain_per_minute = 0;  // to any one recipient domain; 0: no ceiling
  int64_t retry_seconds = 60;         // the first retry after a 4xx; doubled each time
  int64_t connections = 4;            // SMTP connections sending at once from this node
  std::string bounce_address;         // VERP base; empty: bounces@<the sender's domain>
  std::string node_name;              // who claims deliveries; empty: <host>:<port>
};

// A plan from the file ([[plans]]): saved at every start, so the file wins over edits
// made at /admin/plans for the plans it names.
// Backups made by the server itself (see `dateline backup`): every `every_hours`, into
// `dir`, the newest `keep` kept. With several nodes on one store only one makes each.
struct BackupConfig {
  std::string dir;  // empty: no scheduled backups
  int64_t every_hours = 24;
  int64_t keep = 7;
};

struct PlanSetting {
  std::string code;
  std::string name;
  std::string description;
  int64_t price_cents = 0;
  std::string currency = "USD";
  std::string period = "month";
  std::string stripe_price;
};

struct Config {
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 8080;
  std::string data_dir = "data";
  std::string store;        // empty: sqlite:///<data_dir>/dateline.db
  int store_pool_size = 8;  // PostgreSQL connections per process
  std::string site_url;     // empty: http://<listen>
  std::string site_title = "The Dateline";
  std::string time_zone = "UTC";  // an IANA name: every time on the site is shown in it
  std::string resources_dir;      // templates/, static/, content/; empty: found next to the binary
  std::string admin_email = "admin@example.com";  // the first admin, created on first start
  std::string log_level = "info";
  std::string log_format = "text";  // "json": one JSON object per line, for log collectors
  // Who may read /metrics (addresses and CIDR ranges, matched against the client address
  // after trusted proxies); everyone else gets 404.
  std::vector<std::string> metrics_allow = {"127.0.0.0/8", "::1"};
  int password_min_length = 12;     // never below 8
  int login_attempts_per_ip = 50;   // sign-in attempts per client address per 15 minutes
  int paywall_free_paragraphs = 2;  // shown to readers without access
  int past_due_grace_days = 7;      // a failed renewal keeps access this long
  int paywall_meter = 0;  // subscriber articles a signed-in reader may open per 30 days; 0: off
  int comment_posts_per_minute = 5;  // per reader
  int comment_posts_per_hour = 60;   // per reader
  // Pages and fragments the page cache holds (emptied when full). 0 keeps none: every page
  // is built for every request, which is how the archive bench measures what a build costs.
  int64_t page_cache_entries = 10000;
  std::string secret_file;  // empty: DATA_DIR/secret.key (share it between nodes)
  HttpConfig http;
  MailConfig mail;
  PaymentsConfig payments;
  MediaConfig media;
  NewslettersConfig newsletters;
  BackupConfig backup;
  std::vector<PlanSetting> plans;

  // The store URL after defaults are applied.
  std::string StoreUrl() const;
  std::string SiteUrl() const;
  std::string SecretFile() const;
  std::string MailDir() const;
  std::string MailFromAddress() const;
  // The domain mail is DKIM-signed for: [mail] dkim_domain, else the sender's.
  std::string DkimDomain() const;
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
