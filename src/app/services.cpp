#include "app/services.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>

#include "app/reader_directory.hpp"
#include "app/schema.hpp"
#include "app/secret.hpp"
#include "store/migrations.hpp"

namespace dateline::app {
namespace fs = std::filesystem;

namespace {

accounts::AccountLimits LimitsFrom(const core::Config& config) {
  accounts::AccountLimits limits;
  limits.login_per_ip.max_hits = config.login_attempts_per_ip;
  return limits;
}

}  // namespace

core::Result<std::unique_ptr<Services>> OpenServices(const core::Config& config) {
  auto s = std::make_unique<Services>();
  s->resources_dir = ResolveResourcesDir(config);
  auto secret = LoadOrCreateSecret(config.SecretFile());
  if (!secret.ok()) return secret.error();
  s->secret = *secret;
  auto templates = render::Templates::Load(s->resources_dir + "/templates");
  if (!templates.ok()) return templates.error();
  s->templates = std::move(templates.value());
  auto policy =
      accounts::PasswordPolicy::Load(static_cast<size_t>(config.password_min_length),
                                     s->resources_dir + "/content/security/common-passwords.txt");
  if (!policy.ok()) return policy.error();
  s->password_policy = std::make_unique<accounts::PasswordPolicy>(std::move(policy.value()));
  auto db = store::Open(config.StoreUrl(), {config.store_pool_size});
  if (!db.ok()) return db.error();
  s->db = std::move(db.value());
  auto report = store::Migrate(*s->db, Schema().migrations, s->clock);
  if (!report.ok()) return report.error();
  for (const auto& m : report->applied) spdlog::info("applied migration {}", m);
  s->article_store = std::make_unique<articles::ArticleStore>(*s->db);
  s->articles = std::make_unique<articles::ArticleService>(*s->article_store, s->clock, &s->secret);
  s->articles->SetFreeParagraphs(config.paywall_free_paragraphs);
  // The search index follows the paywall's cut: made again when it was made with another
  // (or never: a new or copied store). Several nodes starting at once each write the same.
  auto reindexed = s->articles->RebuildSearchIndexIfStale([](int64_t done, int64_t total) {
    spdlog::info("search index: {} of {} stories", done, total);
  });
  if (!reindexed.ok()) return reindexed.error();
  s->structure_store = std::make_unique<articles::StructureStore>(*s->db);
  s->structure = std::make_unique<articles::StructureService>(*s->structure_store, s->clock);
  s->media_store = std::make_unique<media::MediaStore>(*s->db);
  media::ImageLimits limits;
  limits.max_bytes = static_cast<uint64_t>(config.media.max_upload_bytes);
  limits.max_pixels = static_cast<uint64_t>(config.media.max_megapixels) * 1000000;
  s->media = std::make_unique<media::MediaService>(*s->media_store, s->clock, s->secret, limits,
                                                   static_cast<size_t>(config.media.cache_bytes));
  s->newsletter_store = std::make_unique<newsletters::NewsletterStore>(*s->db);
  s->newsletters = std::make_unique<newsletters::NewsletterService>(*s->newsletter_store, s->clock);
  s->site_pages = std::make_unique<pages::SitePages>(*s->db);
  s->users = std::make_unique<accounts::UserStore>(*s->db);
  s->sessions = std::make_unique<accounts::SessionStore>(*s->db);
  s->limiter = std::make_unique<ratelimit::RateLimiter>(*s->db, s->clock);
  s->account_mailer = std::make_unique<notify::TemplateAccountMailer>(*s->templates, config);
  s->accounts = std::make_unique<accounts::AccountService>(
      *s->db, *s->users, *s->sessions, *s->limiter, *s->password_policy, *s->account_mailer,
      s->secret, s->clock, LimitsFrom(config));
  s->outbox = std::make_unique<mail::Outbox>(*s->db);
  s->subscriptions = std::make_unique<subscriptions::SubscriptionService>(
      *s->db, s->clock, int64_t{config.past_due_grace_days} * 86400);
  s->gift_codes = std::make_unique<subscriptions::GiftCodes>(*s->db, *s->limiter, s->secret,
                                                             s->clock, *s->users);
  s->request_mailer = std::make_unique<notify::TemplateRequestMailer>(*s->templates, config);
  s->requests = std::make_unique<subscriptions::SubscriptionRequests>(
      *s->db, *s->subscriptions, *s->limiter, *s->request_mailer, s->clock, *s->users);
  if (config.payments.provider == "stripe") {
    s->payment_provider = subscriptions::MakeStripeProvider(
        {config.payments.stripe_api_base, config.payments.stripe_secret_key});
    s->stripe_webhook = std::make_unique<subscriptions::StripeWebhook>(
        *s->db, *s->payment_provider, s->clock, config.payments.stripe_webhook_secret);
  } else {
    s->payment_provider = subscriptions::MakeManualProvider();
  }
  s->meter = std::make_unique<subscriptions::ArticleMeter>(*s->db, s->clock, config.paywall_meter);
  s->comments = std::make_unique<comments::CommentService>(*s->db, *s->limiter, s->clock, *s->users,
                                                           *s->article_store);
  s->reply_mailer = std::make_unique<notify::TemplateReplyMailer>(*s->templates, config, s->secret);
  s->comments->SetReplyMailer(s->reply_mailer.get());
  s->comments->SetPostingLimits(config.comment_posts_per_minute, config.comment_posts_per_hour);
  s->billing = std::make_unique<subscriptions::Billing>(*s->db, *s->subscriptions,
                                                        *s->payment_provider, s->clock);
  s->reader_directory = MakeReaderDirectory(*s->users, *s->subscriptions);
  s->member_store = std::make_unique<newsletters::MemberStore>(*s->db);
  s->issue_store = std::make_unique<newsletters::IssueStore>(*s->db);
  s->memberships = std::make_unique<newsletters::MembershipService>(
      *s->member_store, *s->newsletter_store, *s->limiter, *s->reader_directory, *s->templates,
      config, s->secret, s->clock);
  s->deliveries = std::make_unique<newsletters::DeliveryService>(newsletters::DeliveryService::Deps{
      *s->issue_store, *s->member_store, *s->newsletter_store, *s->articles, *s->structure,
      *s->media, *s->reader_directory, *s->templates, config, s->secret, s->clock});
  s->redirects = std::make_unique<imports::Redirects>(*s->db);
  s->api_keys = std::make_unique<accounts::ApiKeys>(*s->db, s->clock);
  s->webhooks = std::make_unique<webhooks::WebhookService>(*s->db, s->clock);
  return s;
}

std::string ResolveResourcesDir(const core::Config& config) {
  if (!config.resources_dir.empty()) return config.resources_dir;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // build/dateline -> the checkout it was built in; /usr/bin/dateline -> /usr/share/dateline
    for (const fs::path& candidate : {exe.parent_path().parent_path(),
                                      exe.parent_path().parent_path() / "share" / "dateline"}) {
      if (fs::exists(candidate / "templates" / "layout.mustache", ec)) return candidate.string();
    }
  }
  return DATELINE_SOURCE_DIR;
}

std::unique_ptr<mail::Transport> MakeMailTransport(const core::Config& config) {
  if (config.mail.transport == "smtp") {
    return mail::MakeSmtpTransport({config.mail.smtp_url, config.mail.smtp_require_tls,
                                    config.mail.smtp_username, config.mail.smtp_password});
  }
  return mail::MakeFileTransport(config.MailDir());
}

}  // namespace dateline::app
