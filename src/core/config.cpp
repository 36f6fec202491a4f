#include "core/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>
#include <cstdlib>

#include "core/text.hpp"
#include "core/time_zone.hpp"

extern char** environ;

namespace dateline::core {
namespace {

Error Bad(const std::string& key, const std::string& reason) {
  return Error::InvalidArgument(fmt::format("setting '{}': {}", key, reason));
}

Result<int64_t> ParseInt(const std::string& key, const std::string& text, int64_t lo, int64_t hi) {
  auto parsed = ParseInt64(text);
  if (!parsed) return Bad(key, fmt::format("'{}' is not a whole number", text));
  int64_t v = *parsed;
  if (v < lo || v > hi) return Bad(key, fmt::format("{} is outside {}..{}", v, lo, hi));
  return v;
}

// TOML helpers: each checks the type and range and names the key on failure.
Result<void> ReadString(const toml::table& t, const char* name, const std::string& prefix,
                        std::string& out) {
  const toml::node* n = t.get(name);
  if (!n) return {};
  auto v = n->value<std::string>();
  if (!n->is_string() || !v) return Bad(prefix + name, "must be a string");
  out = *v;
  return {};
}

Result<void> ReadNumber(const toml::table& t, const char* name, const std::string& prefix,
                        double lo, double hi, double& out) {
  const toml::node* n = t.get(name);
  if (!n) return {};
  if (!n->is_number()) return Bad(prefix + name, "must be a number");
  double v = n->value<double>().value_or(0);
  // NaN compares false with everything, so test for the range, not against it.
  if (!std::isfinite(v)) return Bad(prefix + name, "must be a finite number");
  if (!(v >= lo && v <= hi)) {
    return Bad(prefix + name, fmt::format("{} is outside {}..{}", v, lo, hi));
  }
  out = v;
  return {};
}

Result<void> ReadInt(const toml::table& t, const char* name, const std::string& prefix, int64_t lo,
                     int64_t hi, int64_t& out) {
  const toml::node* n = t.get(name);
  if (!n) return {};
  if (!n->is_integer()) return Bad(prefix + name, "must be a whole number");
  int64_t v = n->value<int64_t>().value_or(0);
  if (v < lo || v > hi) return Bad(prefix + name, fmt::format("{} is outside {}..{}", v, lo, hi));
  out = v;
  return {};
}

Result<void> ReadBool(const toml::table& t, const char* name, const std::string& prefix,
                      bool& out) {
  const toml::node* n = t.get(name);
  if (!n) return {};
  if (!n->is_boolean()) return Bad(prefix + name, "must be true or false");
  out = n->value<bool>().value_or(out);
  return {};
}

Result<void> CheckKnownKeys(const toml::table& t, const std::string& prefix,
                            std::initializer_list<const char*> known) {
  for (const auto& [k, v] : t) {
    bool found = false;
    for (const char* name : known) found = found || k.str() == name;
    if (!found) return Bad(prefix + std::string(k.str()), "unknown setting");
  }
  return {};
}

// A list of addresses and CIDR ranges; checked as addresses where they are used.
Result<void> ReadAddressList(const toml::table& t, std::string_view key, const std::string& prefix,
                             std::vector<std::string>& out) {
  const toml::node* node = t.get(key);
  if (!node) return {};
  const toml::array* list = node->as_array();
  std::string name = prefix + std::string(key);
  if (!list) return Bad(name, "must be a list of addresses and CIDR ranges");
  out.clear();
  for (const auto& entry : *list) {
    auto text = entry.value<std::string>();
    if (!entry.is_string() || !text)
      return Bad(name, "must be a list of addresses and CIDR ranges");
    out.push_back(*text);
  }
  return {};
}

Result<void> ApplyHttpTable(const toml::table& t, HttpConfig& h) {
  const std::string p = "http.";
  DL_TRY(CheckKnownKeys(
      t, p,
      {"threads", "max_header_bytes", "max_body_bytes", "header_timeout", "body_timeout",
       "idle_timeout", "write_timeout", "max_connections", "shutdown_grace", "access_log",
       "worker_threads", "worker_queue", "writer_threads", "trusted_proxies", "max_streams",
       "max_streams_per_client"}));
  DL_TRY(ReadAddressList(t, "trusted_proxies", p, h.trusted_proxies));
  int64_t streams = h.max_streams, streams_per_client = h.max_streams_per_client;
  DL_TRY(ReadInt(t, "max_streams", p, 0, 1000000, streams));
  DL_TRY(ReadInt(t, "max_streams_per_client", p, 0, 10000, streams_per_client));
  h.max_streams = static_cast<int>(streams);
  h.max_streams_per_client = static_cast<int>(streams_per_client);
  int64_t threads = h.threads, max_conn = h.max_connections;
  DL_TRY(ReadInt(t, "threads", p, 1, 256, threads));
  DL_TRY(ReadInt(t, "max_header_bytes", p, 1024, 1 << 20, h.max_header_bytes));
  DL_TRY(ReadInt(t, "max_body_bytes", p, 0, int64_t{1} << 32, h.max_body_bytes));
  DL_TRY(ReadNumber(t, "header_timeout", p, 0.05, 3600, h.header_timeout));
  DL_TRY(ReadNumber(t, "body_timeout", p, 0.05, 3600, h.body_timeout));
  DL_TRY(ReadNumber(t, "idle_timeout", p, 0.05, 3600, h.idle_timeout));
  DL_TRY(ReadNumber(t, "write_timeout", p, 0.05, 3600, h.write_timeout));
  DL_TRY(ReadInt(t, "max_connections", p, 1, 1000000, max_conn));
  DL_TRY(ReadNumber(t, "shutdown_grace", p, 0, 3600, h.shutdown_grace));
  int64_t workers = h.worker_threads, queue = h.worker_queue;
  DL_TRY(ReadInt(t, "worker_threads", p, 1, 256, workers));
  DL_TRY(ReadInt(t, "worker_queue", p, 1, 1000000, queue));
  h.worker_threads = static_cast<int>(workers);
  h.worker_queue = static_cast<int>(queue);
  int64_t writers = h.writer_threads;
  DL_TRY(ReadInt(t, "writer_threads", p, 1, 256, writers));
  h.writer_threads = static_cast<int>(writers);
  DL_TRY(ReadBool(t, "access_log", p, h.access_log));
  h.threads = static_cast<int>(threads);
  h.max_connections = static_cast<int>(max_conn);
  return {};
}

Result<void> ApplyMailTable(const toml::table& t, MailConfig& m) {
  const std::string p = "mail.";
  DL_TRY(CheckKnownKeys(
      t, p,
      {"transport", "dir", "smtp_url", "smtp_require_tls", "smtp_username", "smtp_password",
       "from_address", "from_name", "dkim_key_file", "dkim_selector", "dkim_domain"}));
  DL_TRY(ReadString(t, "transport", p, m.transport));
  DL_TRY(ReadString(t, "dir", p, m.dir));
  DL_TRY(ReadString(t, "smtp_url", p, m.smtp_url));
  DL_TRY(ReadBool(t, "smtp_require_tls", p, m.smtp_require_tls));
  DL_TRY(ReadString(t, "smtp_username", p, m.smtp_username));
  DL_TRY(ReadString(t, "smtp_password", p, m.smtp_password));
  DL_TRY(ReadString(t, "from_address", p, m.from_address));
  DL_TRY(ReadString(t, "from_name", p, m.from_name));
  DL_TRY(ReadString(t, "dkim_key_file", p, m.dkim_key_file));
  DL_TRY(ReadString(t, "dkim_selector", p, m.dkim_selector));
  DL_TRY(ReadString(t, "dkim_domain", p, m.dkim_domain));
  if (m.dkim_selector.empty() || m.dkim_selector.find_first_of(" ;\r\n") != std::string::npos) {
    return Bad("mail.dkim_selector", "must be a DNS label such as 'dateline'");
  }
  return {};
}

Result<void> ApplyPaymentsTable(const toml::table& t, PaymentsConfig& pay) {
  const std::string p = "payments.";
  DL_TRY(CheckKnownKeys(
      t, p, {"provider", "stripe_api_base", "stripe_secret_key", "stripe_webhook_secret"}));
  DL_TRY(ReadString(t, "provider", p, pay.provider));
  DL_TRY(ReadString(t, "stripe_api_base", p, pay.stripe_api_base));
  DL_TRY(ReadString(t, "stripe_secret_key", p, pay.stripe_secret_key));
  DL_TRY(ReadString(t, "stripe_webhook_secret", p, pay.stripe_webhook_secret));
  return {};
}

Result<void> ApplyPlansArray(const toml::array& plans, std::vector<PlanSetting>& out) {
  for (size_t i = 0; i < plans.size(); ++i) {
    const std::string p = fmt::format("plans[{}].", i);
    const toml::table* t = plans[i].as_table();
    if (!t) return Bad(p.substr(0, p.size() - 1), "must be a table ([[plans]])");
    DL_TRY(CheckKnownKeys(
        *t, p,
        {"code", "name", "description", "price_cents", "currency", "period", "stripe_price"}));
    PlanSetting plan;
    DL_TRY(ReadString(*t, "code", p, plan.code));
    DL_TRY(ReadString(*t, "name", p, plan.name));
    DL_TRY(ReadString(*t, "description", p, plan.description));
    DL_TRY(ReadInt(*t, "price_cents", p, 0, 100000000, plan.price_cents));
    DL_TRY(ReadString(*t, "currency", p, plan.currency));
    DL_TRY(ReadString(*t, "period", p, plan.period));
    DL_TRY(ReadString(*t, "stripe_price", p, plan.stripe_price));
    if (plan.code.empty()) return Bad(p + "code", "is required");
    if (plan.name.empty()) return Bad(p + "name", "is required");
    if (plan.period != "month" && plan.period != "year")
      return Bad(p + "period", "must be month or year");
    out.push_back(std::move(plan));
  }
  return {};
}

Result<void> ApplyFile(const std::string& path, Config& c) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Error::InvalidArgument(
        fmt::format("config file {}: line {}: {}", path, e.source().begin.line, e.description()));
  }
  DL_TRY(CheckKnownKeys(root, "",
                        {"listen",
                         "data_dir",
                         "store",
                         "site_url",
                         "site_title",
                         "time_zone",
                         "resources_dir",
                         "admin_email",
                         "log_level",
                         "log_format",
                         "metrics_allow",
                         "store_pool_size",
                         "password_min_length",
                         "login_attempts_per_ip",
                         "paywall_free_paragraphs",
                         "past_due_grace_days",
                         "paywall_meter",
                         "comment_posts_per_minute",
                         "comment_posts_per_hour",
                         "page_cache_entries",
                         "secret_file",
                         "http",
                         "mail",
                         "payments",
                         "media",
                         "newsletters",
                         "backup",
                         "plans"}));
  std::string listen;
  DL_TRY(ReadString(root, "listen", "", listen));
  if (!listen.empty()) DL_TRY(ParseListen(listen, "listen", c));
  DL_TRY(ReadString(root, "data_dir", "", c.data_dir));
  DL_TRY(ReadString(root, "store", "", c.store));
  DL_TRY(ReadString(root, "site_url", "", c.site_url));
  DL_TRY(ReadString(root, "site_title", "", c.site_title));
  DL_TRY(ReadString(root, "time_zone", "", c.time_zone));
  if (!IsKnownTimeZone(c.time_zone)) {
    return Bad("time_zone", "'" + c.time_zone +
                                "' is not a time zone this machine knows (an IANA name such as "
                                "Europe/Zurich)");
  }
  DL_TRY(ReadString(root, "resources_dir", "", c.resources_dir));
  DL_TRY(ReadString(root, "admin_email", "", c.admin_email));
  DL_TRY(ReadString(root, "log_level", "", c.log_level));
  DL_TRY(ReadString(root, "log_format", "", c.log_format));
  DL_TRY(ReadAddressList(root, "metrics_allow", "", c.metrics_allow));
  int64_t min_password = c.password_min_length;
  DL_TRY(ReadInt(root, "password_min_length", "", 8, 256, min_password));
  c.password_min_length = static_cast<int>(min_password);
  DL_TRY(ReadString(root, "secret_file", "", c.secret_file));
  int64_t grace_days = c.past_due_grace_days;
  DL_TRY(ReadInt(root, "past_due_grace_days", "", 0, 365, grace_days));
  c.past_due_grace_days = static_cast<int>(grace_days);
  int64_t free_paragraphs = c.paywall_free_paragraphs;
  DL_TRY(ReadInt(root, "paywall_free_paragraphs", "", 0, 50, free_paragraphs));
  c.paywall_free_paragraphs = static_cast<int>(free_paragraphs);
  int64_t per_minute = c.comment_posts_per_minute, per_hour = c.comment_posts_per_hour;
  DL_TRY(ReadInt(root, "comment_posts_per_minute", "", 1, 1000000, per_minute));
  DL_TRY(ReadInt(root, "comment_posts_per_hour", "", 1, 100000000, per_hour));
  c.comment_posts_per_minute = static_cast<int>(per_minute);
  c.comment_posts_per_hour = static_cast<int>(per_hour);
  DL_TRY(ReadInt(root, "page_cache_entries", "", 0, 10000000, c.page_cache_entries));
  int64_t meter = c.paywall_meter;
  DL_TRY(ReadInt(root, "paywall_meter", "", 0, 1000, meter));
  c.paywall_meter = static_cast<int>(meter);
  if (const toml::node* payments = root.get("payments")) {
    if (!payments->is_table()) return Bad("payments", "must be a table ([payments])");
    DL_TRY(ApplyPaymentsTable(*payments->as_table(), c.payments));
  }
  if (const toml::node* plans = root.get("plans")) {
    if (!plans->is_array()) return Bad("plans", "must be an array of tables ([[plans]])");
    DL_TRY(ApplyPlansArray(*plans->as_array(), c.plans));
  }
  int64_t per_ip = c.login_attempts_per_ip;
  DL_TRY(ReadInt(root, "login_attempts_per_ip", "", 1, 100000000, per_ip));
  c.login_attempts_per_ip = static_cast<int>(per_ip);
  if (const toml::node* mail = root.get("mail")) {
    if (!mail->is_table()) return Bad("mail", "must be a table ([mail])");
    DL_TRY(ApplyMailTable(*mail->as_table(), c.mail));
  }
  int64_t pool = c.store_pool_size;
  DL_TRY(ReadInt(root, "store_pool_size", "", 1, 1000, pool));
  c.store_pool_size = static_cast<int>(pool);
  if (const toml::node* http = root.get("http")) {
    if (!http->is_table()) return Bad("http", "must be a table ([http])");
    DL_TRY(ApplyHttpTable(*http->as_table(), c.http));
  }
  if (const toml::node* media = root.get("media")) {
    if (!media->is_table()) return Bad("media", "must be a table ([media])");
    const toml::table& t = *media->as_table();
    DL_TRY(CheckKnownKeys(t, "media.", {"max_upload_bytes", "max_megapixels", "cache_bytes"}));
    DL_TRY(
        ReadInt(t, "max_upload_bytes", "media.", 1024, int64_t{1} << 30, c.media.max_upload_bytes));
    DL_TRY(ReadInt(t, "max_megapixels", "media.", 1, 400, c.media.max_megapixels));
    DL_TRY(ReadInt(t, "cache_bytes", "media.", 0, int64_t{1} << 40, c.media.cache_bytes));
  }
  if (const toml::node* newsletters = root.get("newsletters")) {
    if (!newsletters->is_table()) return Bad("newsletters", "must be a table ([newsletters])");
    const toml::table& t = *newsletters->as_table();
    auto& n = c.newsletters;
    DL_TRY(CheckKnownKeys(t, "newsletters.",
                          {"per_minute", "per_domain_per_minute", "retry_seconds", "connections",
                           "bounce_address", "node_name"}));
    DL_TRY(ReadInt(t, "per_minute", "newsletters.", 1, 100000000, n.per_minute));
    DL_TRY(
        ReadInt(t, "per_domain_per_minute", "newsletters.", 0, 100000000, n.per_domain_per_minute));
    DL_TRY(ReadInt(t, "retry_seconds", "newsletters.", 1, 86400, n.retry_seconds));
    DL_TRY(ReadInt(t, "connections", "newsletters.", 1, 32, n.connections));
    DL_TRY(ReadString(t, "bounce_address", "newsletters.", n.bounce_address));
    DL_TRY(ReadString(t, "node_name", "newsletters.", n.node_name));
    if (!n.bounce_address.empty() && n.bounce_address.find('@') == std::string::npos) {
      return Bad("newsletters.bounce_address", "must be an email address");
    }
  }
  if (const toml::node* backup = root.get("backup")) {
    if (!backup->is_table()) return Bad("backup", "must be a table ([backup])");
    const toml::table& t = *backup->as_table();
    DL_TRY(CheckKnownKeys(t, "backup.", {"dir", "every_hours", "keep"}));
    DL_TRY(ReadString(t, "dir", "backup.", c.backup.dir));
    DL_TRY(ReadInt(t, "every_hours", "backup.", 1, 24 * 366, c.backup.every_hours));
    DL_TRY(ReadInt(t, "keep", "backup.", 1, 10000, c.backup.keep));
  }
  return {};
}

Result<void> ApplyEnvironment(const Environment& env, Config& c) {
  auto get = [&](const char* name) -> const std::string* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : &it->second;
  };
  if (auto* v = get("DATELINE_LISTEN")) DL_TRY(ParseListen(*v, "DATELINE_LISTEN", c));
  if (auto* v = get("DATELINE_DATA_DIR")) c.data_dir = *v;
  if (auto* v = get("DATELINE_STORE")) c.store = *v;
  if (auto* v = get("DATELINE_SITE_URL")) c.site_url = *v;
  if (auto* v = get("DATELINE_RESOURCES_DIR")) c.resources_dir = *v;
  if (auto* v = get("DATELINE_LOG_LEVEL")) c.log_level = *v;
  if (auto* v = get("DATELINE_LOG_FORMAT")) c.log_format = *v;
  if (auto* v = get("DATELINE_SECRET_FILE")) c.secret_file = *v;
  if (auto* v = get("DATELINE_MAIL_TRANSPORT")) c.mail.transport = *v;
  if (auto* v = get("DATELINE_SMTP_URL")) c.mail.smtp_url = *v;
  if (auto* v = get("DATELINE_SMTP_PASSWORD")) c.mail.smtp_password = *v;
  if (auto* v = get("DATELINE_NODE_NAME")) c.newsletters.node_name = *v;
  if (auto* v = get("DATELINE_PAYMENT_PROVIDER")) c.payments.provider = *v;
  if (auto* v = get("DATELINE_STRIPE_API_BASE")) c.payments.stripe_api_base = *v;
  if (auto* v = get("DATELINE_STRIPE_SECRET_KEY")) c.payments.stripe_secret_key = *v;
  if (auto* v = get("DATELINE_STRIPE_WEBHOOK_SECRET")) c.payments.stripe_webhook_secret = *v;
  if (auto* v = get("DATELINE_TRUSTED_PROXIES")) {
    c.http.trusted_proxies.clear();
    size_t pos = 0;
    while (pos <= v->size()) {
      size_t comma = v->find(',', pos);
      if (comma == std::string::npos) comma = v->size();
      std::string entry = v->substr(pos, comma - pos);
      entry.erase(0, entry.find_first_not_of(' '));
      entry.erase(entry.find_last_not_of(' ') + 1);
      if (!entry.empty()) c.http.trusted_proxies.push_back(entry);
      pos = comma + 1;
    }
  }
  if (auto* v = get("DATELINE_STORE_POOL_SIZE")) {
    auto n = ParseInt("DATELINE_STORE_POOL_SIZE", *v, 1, 1000);
    if (!n.ok()) return n.error();
    c.store_pool_size = static_cast<int>(*n);
  }
  if (auto* v = get("DATELINE_HTTP_THREADS")) {
    auto n = ParseInt("DATELINE_HTTP_THREADS", *v, 1, 256);
    if (!n.ok()) return n.error();
    c.http.threads = static_cast<int>(*n);
  }
  return {};
}

Result<void> Validate(const Config& c) {
  if (c.data_dir.empty()) return Bad("data_dir", "must not be empty");
  if (!c.store.empty() && c.store.rfind("sqlite://", 0) != 0 &&
      c.store.rfind("postgres://", 0) != 0 && c.store.rfind("postgresql://", 0) != 0) {
    return Bad("store", fmt::format("'{}' is not a sqlite:// or postgres:// URL", c.store));
  }
  if (!c.site_url.empty() && c.site_url.rfind("http://", 0) != 0 &&
      c.site_url.rfind("https://", 0) != 0) {
    return Bad("site_url", "must start with http:// or https://");
  }
  if (c.mail.transport != "file" && c.mail.transport != "smtp") {
    return Bad("mail.transport", "'" + c.mail.transport + "' is not file or smtp");
  }
  if (c.mail.transport == "smtp" && c.mail.smtp_url.rfind("smtp://", 0) != 0 &&
      c.mail.smtp_url.rfind("smtps://", 0) != 0) {
    return Bad("mail.smtp_url", "must be smtp://host:port or smtps://host:port");
  }
  if (c.payments.provider != "manual" && c.payments.provider != "stripe") {
    return Bad("payments.provider", "'" + c.payments.provider + "' is not manual or stripe");
  }
  if (c.payments.provider == "stripe") {
    if (c.payments.stripe_secret_key.empty())
      return Bad("payments.stripe_secret_key", "is required with the stripe provider");
    if (c.payments.stripe_webhook_secret.empty())
      return Bad("payments.stripe_webhook_secret", "is required with the stripe provider");
    if (c.payments.stripe_api_base.rfind("https://", 0) != 0 &&
        c.payments.stripe_api_base.rfind("http://", 0) != 0)
      return Bad("payments.stripe_api_base", "must start with https:// (or http://)");
  }
  if (c.log_format != "text" && c.log_format != "json") {
    return Bad("log_format", fmt::format("'{}' is not one of text, json", c.log_format));
  }
  static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
  bool level_ok = false;
  for (const char* l : kLevels) level_ok = level_ok || c.log_level == l;
  if (!level_ok)
    return Bad("log_level",
               fmt::format("'{}' is not one of trace, debug, info, warn, error, off", c.log_level));
  return {};
}

}  // namespace

std::string Config::StoreUrl() const {
  if (!store.empty()) return store;
  return "sqlite://" + data_dir + "/dateline.db";
}

std::string Config::SiteUrl() const {
  std::string url = site_url;
  if (url.empty()) {
    bool v6 = listen_host.find(':') != std::string::npos;
    std::string host = listen_host == "0.0.0.0" ? "127.0.0.1" : listen_host;
    url = fmt::format("http://{}{}{}:{}", v6 ? "[" : "", host, v6 ? "]" : "", listen_port);
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string Config::SecretFile() const {
  return secret_file.empty() ? data_dir + "/secret.key" : secret_file;
}

std::string Config::MailDir() const { return mail.dir.empty() ? data_dir + "/mail" : mail.dir; }

std::string Config::MailFromAddress() const {
  if (!mail.from_address.empty()) return mail.from_address;
  std::string url = SiteUrl();
  std::string host = url.substr(url.find("://") + 3);
  host = host.substr(0, host.find_first_of(":/"));
  if (host.find('.') == std::string::npos ||
      host.find_first_not_of("0123456789.") == std::string::npos) {
    host = "localhost.localdomain";  // an IP address or a bare name makes a poor mail domain
  }
  return "news@" + host;
}

std::string Config::DkimDomain() const {
  if (!mail.dkim_domain.empty()) return mail.dkim_domain;
  std::string from = MailFromAddress();
  return from.substr(from.find('@') + 1);
}

Result<void> ParseListen(const std::string& text, const std::string& key, Config& config) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Bad(key, fmt::format("'{}' is not HOST:PORT", text));
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  auto port = ParseInt(key, text.substr(colon + 1), 0, 65535);
  if (!port.ok()) return Bad(key, fmt::format("'{}' has no valid port (0..65535)", text));
  config.listen_host = host;
  config.listen_port = static_cast<uint16_t>(*port);
  return {};
}

Environment ProcessEnvironment() {
  Environment env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    if (kv.rfind("DATELINE_", 0) != 0) continue;
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return env;
}

Result<Config> LoadConfig(const ConfigOverrides& overrides, const Environment& env) {
  Config c;
  std::optional<std::string> file = overrides.config_file;
  if (!file) {
    auto it = env.find("DATELINE_CONFIG");
    if (it != env.end()) file = it->second;
  }
  if (file) DL_TRY(ApplyFile(*file, c));
  DL_TRY(ApplyEnvironment(env, c));
  if (overrides.listen) DL_TRY(ParseListen(*overrides.listen, "--listen", c));
  if (overrides.data_dir) c.data_dir = *overrides.data_dir;
  if (overrides.store) c.store = *overrides.store;
  DL_TRY(Validate(c));
  return c;
}

}  // namespace dateline::core
