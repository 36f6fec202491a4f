#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "app/commands.hpp"
#include "app/first_start.hpp"
#include "app/operations.hpp"
#include "app/services.hpp"
#include "core/text.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "jobs/content_watcher.hpp"
#include "jobs/housekeeping.hpp"
#include "jobs/live_comment_relay.hpp"
#include "jobs/newsletter_sender.hpp"
#include "jobs/outbox_sender.hpp"
#include "jobs/periodic.hpp"
#include "jobs/webhook_sender.hpp"
#include "mail/dkim.hpp"
#include "mail/transport.hpp"
#include "metrics/counters.hpp"
#include "render/page_cache.hpp"
#include "render/templates.hpp"
#include "store/content_generation.hpp"
#include "store/listener.hpp"
#include "store/statistics.hpp"
#include "web/articles/section_navigation.hpp"
#include "web/site.hpp"

namespace dateline::app {
namespace {

core::Result<http::ServerOptions> ServerOptionsFrom(const core::Config& c) {
  http::ServerOptions o;
  o.host = c.listen_host;
  o.port = c.listen_port;
  o.threads = c.http.threads;
  o.max_header_bytes = c.http.max_header_bytes;
  o.max_body_bytes = c.http.max_body_bytes;
  // The media library's upload form carries a whole image, and a newsletter import a list
  // (up to the same size); the rest of the site takes small forms only.
  o.max_upload_bytes = c.media.max_upload_bytes + 64 * 1024;
  o.upload_paths = {"/admin/media", "/admin/newsletters/import"};
  o.header_timeout = c.http.header_timeout;
  o.body_timeout = c.http.body_timeout;
  o.idle_timeout = c.http.idle_timeout;
  o.write_timeout = c.http.write_timeout;
  o.max_connections = c.http.max_connections;
  o.shutdown_grace = c.http.shutdown_grace;
  o.worker_threads = c.http.worker_threads;
  o.worker_queue = c.http.worker_queue;
  o.writer_threads = c.http.writer_threads;
  o.access_log = c.http.access_log;
  o.max_streams = c.http.max_streams;
  o.max_streams_per_client = c.http.max_streams_per_client;
  auto proxies = http::TrustedProxies::Parse(c.http.trusted_proxies);
  if (!proxies.ok()) {
    return core::Error::InvalidArgument("setting 'http.trusted_proxies': " +
                                        proxies.error().message);
  }
  o.trusted_proxies = std::move(proxies.value());
  // Every answer is counted by route and status, and timed (metrics/counters.hpp).
  o.on_response = [](const http::Request* r, int status, double seconds) {
    if (!r) {
      metrics::CountRequest("-", "(unparsed)", status, seconds);
      return;
    }
    metrics::CountRequest(http::MethodName(r->method), r->route.empty() ? "(none)" : r->route,
                          status, seconds);
  };
  // Behind TLS, browsers are told to keep to https for a year (RFC 6797).
  if (c.SiteUrl().rfind("https://", 0) == 0) {
    o.extra_headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
  }
  return o;
}

// This node's name where the store records who did what (claimed newsletter copies, made
// a scheduled backup). Unique per node as deployed (one host, one port each); stable
// across its restarts, so a restarted node takes back what it had claimed.
std::string NodeName(const core::Config& config) {
  if (!config.newsletters.node_name.empty()) return config.newsletters.node_name;
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  return fmt::format("{}:{}", host, config.listen_port);
}

jobs::NewsletterSenderSettings NewsletterSenderSettingsFrom(const core::Config& config) {
  jobs::NewsletterSenderSettings settings;
  settings.node = NodeName(config);
  settings.per_minute = config.newsletters.per_minute;
  settings.per_domain_per_minute = config.newsletters.per_domain_per_minute;
  settings.retry_seconds = config.newsletters.retry_seconds;
  return settings;
}

mail::Sender MailSender(const core::Config& config) {
  std::string from = config.MailFromAddress();
  return {from, config.mail.from_name.empty() ? config.site_title : config.mail.from_name,
          from.substr(from.find('@') + 1)};
}

void PrintBanner(const core::Config& config, const store::Db& db,
                 const std::optional<FirstAdmin>& admin) {
  std::string url = config.SiteUrl();
  fmt::print("\nDateline is serving {} at {}/\n", config.site_title, url);
  fmt::print("  store: {}\n", db.Describe());
  if (admin) {
    // On a terminal the password is shown; anywhere else (systemd, a log file) it goes to
    // a file only its owner can read, so no log keeps it.
    std::string shown = admin->one_time_password;
    if (!isatty(fileno(stdout))) {
      std::string path = config.data_dir + "/first-admin-password.txt";
      std::FILE* f = std::fopen(path.c_str(), "w");
      if (f) {
        fchmod(fileno(f), 0600);
        std::fputs((admin->one_time_password + "\n").c_str(), f);
        std::fclose(f);
        shown = "in " + path + " (readable only by this user)";
      } else {
        shown = "not shown: " + path + " could not be written; use `dateline user add`";
      }
    }
    fmt::print(
        "\nFirst start: an admin account was created. Its one-time password is given only this "
        "once.\n  sign in at: {}/login\n  email:      {}\n  password:   {}\n"
        "You will be asked to choose a new password at first sign-in.\n",
        url, admin->email, shown);
  } else {
    fmt::print("  sign in at {}/login as {} (the one-time password was printed at first start)\n",
               url, config.admin_email);
  }
  fmt::print("Press Ctrl-C to stop.\n\n");
  std::fflush(stdout);
}

}  // namespace

int Serve(const core::Config& given) {
  // A copy that stays alive for the whole run: when listening on port 0, the port the
  // system picked is written back so links and origin checks use the real address.
  core::Config config = given;
  auto server_options = ServerOptionsFrom(config);
  if (!server_options.ok()) {
    spdlog::error("{}", server_options.error().message);
    return 1;
  }
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    spdlog::error("setting 'data_dir': cannot create {}: {}", config.data_dir, ec.message());
    return 1;
  }
  auto services = OpenServices(config);
  if (!services.ok()) {
    spdlog::error("cannot open the store: {}", services.error().message);
    return 1;
  }
  Services& s = **services;
  const std::string& resources = s.resources_dir;
  auto admin = PrepareFirstStart(s, config, resources);
  if (!admin.ok()) {
    spdlog::error("first-start preparation failed: {}", admin.error().message);
    return 1;
  }
  auto static_files = http::StaticFiles::Load(resources + "/static");
  if (!static_files.ok()) {
    spdlog::error("{}", static_files.error().message);
    return 1;
  }
  render::PageCache cache(static_cast<size_t>(config.page_cache_entries));
  comments::LiveComments live;
  web::SectionNavigation navigation(*s.structure);
  web::SiteServices site_services{
      {config, s.clock, *s.templates, cache, *static_files, s.secret, *s.accounts, *s.subscriptions,
       navigation},
      *s.articles,
      *s.structure,
      *s.media,
      *s.site_pages,
      *s.meter,
      *s.billing,
      *s.gift_codes,
      *s.requests,
      s.stripe_webhook.get(),
      *s.comments,
      live,
      *s.newsletters,
      *s.memberships,
      *s.deliveries,
      *s.api_keys,
      *s.webhooks,
      [db = s.db.get()] { return store::ReadContentGeneration(*db).ok(); }};
  site_services.store_ready = [db = s.db.get()] { return StoreReady(*db); };
  site_services.metrics_text = [] { return metrics::Registry::Global().Render(); };
  site_services.find_redirect = [redirects = s.redirects.get()](std::string_view path,
                                                                std::string_view query) {
    return redirects->Find(path, query);
  };
  auto metrics_allow = http::TrustedProxies::Parse(config.metrics_allow);
  if (!metrics_allow.ok()) {
    spdlog::error("setting 'metrics_allow': {}", metrics_allow.error().message);
    return 1;
  }
  site_services.metrics_allow = std::move(*metrics_allow);
  ServerGauges gauges(s, cache, live);
  web::Site site(site_services);
  http::ServerOptions options = std::move(server_options.value());
  options.lane_of = [&site](const http::Request& r) { return site.LaneOf(r); };
  // Password hashing gets a quarter of the cores (at least one): a storm of sign-ins
  // leaves the rest to readers.
  options.hashing_threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 4);
  http::Server server(
      options, [&site](http::Request& r) { return site.Handle(r); },
      [&site](int status) { return site.Error(status); });
  if (auto listening = server.Listen(); !listening.ok()) {
    spdlog::error("setting 'listen': {}", listening.error().message);
    return 1;
  }
  config.listen_port = server.port();
  // Another process or node may change published content. On PostgreSQL a NOTIFY wakes
  // the watcher at once and polling is only a safety net; SQLite has no notifications,
  // so the watcher polls often (one indexed read of one row).
  bool shared = store::IsPostgresUrl(config.StoreUrl());
  jobs::ContentWatcher watcher(*s.db, std::chrono::milliseconds(shared ? 1000 : 250), [&cache] {
    spdlog::debug("published content changed; emptying the page cache");
    cache.Clear();
  });
  watcher.Start();
  // Every message is DKIM-signed when a key is configured; a key that cannot be read stops
  // the start (mail unsigned by mistake would fail DMARC at every receiver).
  std::unique_ptr<mail::DkimSigner> dkim;
  if (!config.mail.dkim_key_file.empty()) {
    std::string domain = config.DkimDomain();
    auto loaded =
        mail::DkimSigner::Load(config.mail.dkim_key_file, domain, config.mail.dkim_selector);
    if (!loaded.ok()) {
      spdlog::error("{}", loaded.error().message);
      return 1;
    }
    dkim = std::move(*loaded);
    spdlog::info("mail is DKIM-signed for {} (selector {})", dkim->domain(), dkim->selector());
  }
  auto transport = MakeMailTransport(config);
  jobs::OutboxSender sender(*s.outbox, *transport, MailSender(config), s.clock,
                            std::chrono::milliseconds(250));
  sender.SetSigner(dkim.get());
  sender.Start();
  // Newsletters go through transports of their own, apart from account mail (which must
  // not wait behind a 100,000-copy issue): a few connections at once, each kept open for
  // many copies, each sender claiming its own batches under its own name (NODE#i).
  std::vector<std::unique_ptr<mail::Transport>> newsletter_transports;
  std::vector<std::unique_ptr<jobs::NewsletterSender>> newsletter_senders;
  for (int64_t i = 0; i < config.newsletters.connections; ++i) {
    jobs::NewsletterSenderSettings settings = NewsletterSenderSettingsFrom(config);
    settings.node += "#" + std::to_string(i);
    // The rate and the ceiling are the node's: each connection takes its share.
    settings.per_minute =
        std::max<int64_t>(1, settings.per_minute / config.newsletters.connections);
    if (settings.per_domain_per_minute > 0) {
      settings.per_domain_per_minute =
          std::max<int64_t>(1, settings.per_domain_per_minute / config.newsletters.connections);
    }
    newsletter_transports.push_back(MakeMailTransport(config));
    newsletter_senders.push_back(std::make_unique<jobs::NewsletterSender>(
        *s.deliveries, *newsletter_transports.back(), s.clock, settings,
        std::chrono::milliseconds(500)));
    newsletter_senders.back()->SetSigner(dkim.get());
    newsletter_senders.back()->Start();
  }
  // Reset requests are queued by the request and handled here, off the request path.
  jobs::Periodic reset_job(std::chrono::milliseconds(250), [&s] {
    auto processed = s.accounts->ProcessResetRequests(50);
    if (!processed.ok()) spdlog::warn("reset requests: {}", processed.error().message);
    return processed.ok() && *processed == 50;
  });
  reset_job.Start();
  // Readers see a scheduled story at its time already (Article::LiveAt); this records its
  // publication, once across nodes.
  jobs::Periodic schedule_job(std::chrono::seconds(15), [&s] {
    auto published = s.articles->PublishDue();
    if (!published.ok()) spdlog::warn("scheduled stories: {}", published.error().message);
    if (published.ok()) {
      for (int64_t id : *published) spdlog::info("story {} published at its scheduled time", id);
    }
    return false;
  });
  schedule_job.Start();
  // The planner's statistics: at start (in the background: ANALYZE on a large PostgreSQL
  // store takes a while) and every hour, so no page's plan degrades as the site grows.
  jobs::Periodic statistics_job(std::chrono::hours(1), [&s] {
    auto refreshed = store::RefreshStatistics(*s.db);
    if (!refreshed.ok()) spdlog::warn("planner statistics: {}", refreshed.error().message);
    return false;
  });
  statistics_job.Start();
  jobs::Housekeeping housekeeping(*s.accounts, *s.limiter, *s.outbox, s.clock,
                                  std::chrono::minutes(10));
  housekeeping.Also("meter", [&s] { return s.meter->Prune(); });
  housekeeping.Also("trash", [&s] { return s.articles->EmptyTrash(); });
  // Webhooks: signed POSTs of what the domains announced, retried until answered 2xx.
  auto poster = webhooks::MakeHttpPoster();
  jobs::WebhookSender webhook_sender(*s.db, *poster, s.clock, std::chrono::milliseconds(500));
  webhook_sender.Start();
  housekeeping.Also("webhook deliveries", [&s] {
    return webhooks::WebhookStore(*s.db).Prune(s.clock.NowSeconds() - 30 * 86400);
  });
  housekeeping.Start();
  auto backups = StartScheduledBackups(config, *s.db, s.clock, NodeName(config));
  spdlog::info("mail goes to {}", transport->Describe());
  // Newly approved comments reach live readers: on PostgreSQL every node hears of them by
  // NOTIFY (its own included); on SQLite, this process is the only one that approves.
  jobs::LiveCommentRelay relay([&site](int64_t id) { site.PublishLiveComment(id); });
  relay.Start();
  if (!shared) s.comments->OnApproved([&relay](int64_t id) { relay.Announce(id); });
  // A comment changes one article's pages: only those leave the cache (here at once, on
  // other nodes by NOTIFY).
  s.comments->OnArticleChanged([&site](int64_t id) { site.ForgetArticlePages(id); });
  auto listener = store::OpenChangeListener(
      config.StoreUrl(),
      {store::kContentChannel, comments::kApprovedChannel, comments::kChangedChannel},
      [&watcher, &relay, &site, &cache](const std::string& channel, const std::string& payload) {
        if (channel == comments::kChangedChannel) {
          int64_t id = core::ParseId(payload);
          if (id > 0) {
            site.ForgetArticlePages(id);
          } else {
            cache.Clear();  // reconnected after a gap: whatever changed meanwhile
          }
          return;
        }
        if (channel == comments::kApprovedChannel) {
          int64_t id = core::ParseId(payload);
          if (id > 0) relay.Announce(id);
          return;
        }
        watcher.Poke();
      });
  if (listener) listener->Start();
  PrintBanner(config, *s.db, *admin);
  spdlog::info("listening on {}:{} with {} I/O threads", config.listen_host, server.port(),
               config.http.threads);
  server.Run();
  live.CloseAll();
  if (listener) listener->Stop();
  relay.Stop();
  if (backups) backups->Stop();
  housekeeping.Stop();
  reset_job.Stop();
  for (auto& newsletter_sender : newsletter_senders) newsletter_sender->Stop();
  sender.Stop();
  webhook_sender.Stop();
  watcher.Stop();
  spdlog::info("stopped");
  return 0;
}

}  // namespace dateline::app
