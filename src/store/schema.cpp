// The schema, one migration per change, never edited once released. Each table belongs
// to one domain (named in the comment); only that domain's *_store.cpp touches it.

#include "store/migrations.hpp"

namespace dateline::store {

const std::vector<Migration>& SchemaMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "create_users",  // accounts
       R"sql(
CREATE TABLE users (
  id {id},
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'reader'
    CHECK (role IN ('reader', 'author', 'editor', 'moderator', 'admin')),
  must_change_password BIGINT NOT NULL DEFAULT 0,
  email_verified_at BIGINT,
  disabled_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
)sql"},
      {2, "create_articles",  // articles
       R"sql(
CREATE TABLE articles (
  id {id},
  slug TEXT NOT NULL UNIQUE,
  headline TEXT NOT NULL,
  dek TEXT NOT NULL DEFAULT '',
  dateline TEXT NOT NULL DEFAULT '',
  byline TEXT NOT NULL DEFAULT '',
  body_markdown TEXT NOT NULL,
  access TEXT NOT NULL DEFAULT 'free' CHECK (access IN ('free', 'registered', 'subscribers')),
  status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published')),
  published_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX articles_by_publication ON articles (status, published_at);
CREATE TABLE article_revisions (
  id {id},
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  headline TEXT NOT NULL,
  dek TEXT NOT NULL,
  dateline TEXT NOT NULL,
  byline TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  access TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX article_revisions_by_article ON article_revisions (article_id, id);
)sql"},
      {3, "create_site_pages",  // pages: editorial pages such as the comments policy
       R"sql(
CREATE TABLE site_pages (
  slug TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
)sql"},
      {4, "create_content_generation",  // store: a counter bumped by every published change
       R"sql(
CREATE TABLE content_generation (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  value BIGINT NOT NULL
);
INSERT INTO content_generation (id, value) VALUES (1, 0);
)sql"},
      {5, "create_accounts_and_mail",  // accounts, ratelimit, mail, audit
       R"sql(
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  persistent BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  user_agent TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE TABLE email_verifications (
  id {id},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  code_hash TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX email_verifications_by_user ON email_verifications (user_id);
CREATE TABLE reset_codes (
  id {id},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX reset_codes_by_user ON reset_codes (user_id);
CREATE TABLE rate_limits (
  bucket TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  hits BIGINT NOT NULL
);
CREATE TABLE outbox (
  id {id},
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  extra_headers TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  claimed_until BIGINT,
  sent_at BIGINT,
  failed_at BIGINT,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
CREATE TABLE audit_log (
  id {id},
  user_id BIGINT,
  event TEXT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX audit_log_by_user ON audit_log (user_id, id);
)sql"},
      {6, "create_subscriptions",  // subscriptions
       R"sql(
CREATE TABLE plans (
  id {id},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  price_cents BIGINT NOT NULL,
  currency TEXT NOT NULL DEFAULT 'USD',
  period TEXT NOT NULL CHECK (period IN ('month', 'year')),
  active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);
CREATE TABLE subscriptions (
  id {id},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  plan_id BIGINT NOT NULL REFERENCES plans (id),
  provider TEXT NOT NULL,
  provider_ref TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL
    CHECK (status IN ('active', 'trialing', 'past_due', 'canceled', 'incomplete')),
  current_period_end BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX subscriptions_by_user ON subscriptions (user_id, current_period_end);
)sql"},
      {7, "create_gift_codes",  // subscriptions
       R"sql(
CREATE TABLE gift_codes (
  id {id},
  code_hash TEXT NOT NULL UNIQUE,
  plan_id BIGINT NOT NULL REFERENCES plans (id),
  days BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  redeemed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  redeemed_at BIGINT,
  created_at BIGINT NOT NULL
);
)sql"},
      {8, "add_online_payment_and_meter",  // subscriptions
       R"sql(
ALTER TABLE plans ADD COLUMN stripe_price TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN provider_customer TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN cancel_at_period_end BIGINT NOT NULL DEFAULT 0;
ALTER TABLE subscriptions ADD COLUMN provider_updated_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX subscriptions_by_provider_ref ON subscriptions (provider, provider_ref);
CREATE TABLE payment_events (
  id {id},
  provider TEXT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  created BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '',
  UNIQUE (provider, event_id)
);
CREATE TABLE meter_reads (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  read_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, article_id)
);
)sql"},
      {9, "create_comments",  // comments
       R"sql(
CREATE TABLE comments (
  id {id},
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  parent_id BIGINT REFERENCES comments (id) ON DELETE CASCADE,
  thread_id BIGINT REFERENCES comments (id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'rejected', 'deleted')),
  held_reason TEXT NOT NULL DEFAULT '',
  featured BIGINT NOT NULL DEFAULT 0,
  recommendations BIGINT NOT NULL DEFAULT 0,
  idempotency_key TEXT,
  created_at BIGINT NOT NULL,
  edited_at BIGINT NOT NULL DEFAULT 0,
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX comments_top_by_article ON comments (article_id, parent_id, id);
CREATE INDEX comments_by_thread ON comments (thread_id, id);
CREATE INDEX comments_by_status ON comments (status, id);
CREATE TABLE comment_votes (
  comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (comment_id, user_id)
);
CREATE TABLE comment_flags (
  id {id},
  comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  resolved_at BIGINT NOT NULL DEFAULT 0,
  UNIQUE (comment_id, user_id)
);
CREATE INDEX comment_flags_open ON comment_flags (resolved_at, comment_id);
CREATE TABLE commenters (
  user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  suspended_until BIGINT NOT NULL DEFAULT 0,
  approved_count BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE article_comment_settings (
  article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  closed BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE comment_settings (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  premoderation TEXT NOT NULL DEFAULT 'off' CHECK (premoderation IN ('off', 'first', 'all')),
  premoderation_first BIGINT NOT NULL DEFAULT 3,
  banned_words TEXT NOT NULL DEFAULT '',
  max_links BIGINT NOT NULL DEFAULT 2,
  auto_close_days BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0
);
INSERT INTO comment_settings (id) VALUES (1);
)sql"},
      {10, "create_comment_notification_prefs",  // comments
       R"sql(
CREATE TABLE comment_notification_prefs (
  user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  reply_emails BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX comments_top_by_recommendations
  ON comments (article_id, parent_id, recommendations, id);
CREATE INDEX comments_by_article_status ON comments (article_id, status);
)sql"},
      {11, "create_reset_requests",  // accounts: reset requests waiting for the reset job
       R"sql(
CREATE TABLE reset_requests (
  id {id},
  email TEXT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
)sql"},
      {12, "record_suspensions",  // comments: who suspended a reader, when and why
       R"sql(
ALTER TABLE commenters ADD COLUMN suspended_by BIGINT;
ALTER TABLE commenters ADD COLUMN suspended_at BIGINT;
ALTER TABLE commenters ADD COLUMN suspension_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX commenters_suspended ON commenters (suspended_until, user_id);
)sql"},
      {13, "create_subscription_requests",  // subscriptions: offline requests staff decide
       R"sql(
CREATE TABLE subscription_requests (
  id {id},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('subscribe', 'print')),
  plan_id BIGINT REFERENCES plans (id),
  full_name TEXT NOT NULL,
  postal_address TEXT NOT NULL DEFAULT '',
  account_number TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
  decided_by BIGINT,
  decided_at BIGINT,
  decision_note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX subscription_requests_by_status ON subscription_requests (status, id);
CREATE INDEX subscription_requests_by_user ON subscription_requests (user_id, status);
)sql"},
  };
  return kMigrations;
}

const std::vector<TableSpec>& DataTables() {
  static const std::vector<TableSpec> kTables = {
      {"users",
       "id, email, display_name, password_hash, role, must_change_password, email_verified_at, "
       "disabled_at, created_at, updated_at",
       "id", true},
      {"articles",
       "id, slug, headline, dek, dateline, byline, body_markdown, access, status, published_at, "
       "created_at, updated_at",
       "id", true},
      {"article_revisions",
       "id, article_id, headline, dek, dateline, byline, body_markdown, access, published_at, "
       "created_at",
       "id", true},
      {"site_pages", "slug, title, body_markdown, updated_at", "slug"},
      {"content_generation", "id, value", "id", false, true},
      {"sessions",
       "id_hash, user_id, persistent, created_at, last_seen_at, expires_at, user_agent, ip",
       "id_hash"},
      {"email_verifications",
       "id, user_id, email, token_hash, code_hash, attempts, expires_at, used_at, created_at", "id",
       true},
      {"reset_codes", "id, user_id, code_hash, attempts, expires_at, used_at, created_at", "id",
       true},
      {"reset_requests", "id, email, ip, created_at", "id", true},
      {"rate_limits", "bucket, window_start, hits", "bucket"},
      {"outbox",
       "id, to_address, subject, text_body, html_body, extra_headers, created_at, "
       "next_attempt_at, attempts, claimed_until, sent_at, failed_at, last_error",
       "id", true},
      {"audit_log", "id, user_id, event, ip, detail, created_at", "id", true},
      {"plans",
       "id, code, name, description, price_cents, currency, period, active, created_at, "
       "stripe_price",
       "id", true},
      {"subscriptions",
       "id, user_id, plan_id, provider, provider_ref, status, current_period_end, created_at, "
       "updated_at, provider_customer, cancel_at_period_end, provider_updated_at",
       "id", true},
      {"payment_events", "id, provider, event_id, type, created, received_at, outcome", "id", true},
      {"meter_reads", "user_id, article_id, read_at", "user_id, article_id"},
      {"comments",
       "id, article_id, user_id, parent_id, thread_id, body, status, held_reason, featured, "
       "recommendations, idempotency_key, created_at, edited_at",
       "id", true},
      {"comment_votes", "comment_id, user_id, created_at", "comment_id, user_id"},
      {"comment_flags", "id, comment_id, user_id, reason, created_at, resolved_at", "id", true},
      {"commenters",
       "user_id, suspended_until, approved_count, suspended_by, suspended_at, suspension_reason",
       "user_id"},
      {"article_comment_settings", "article_id, closed", "article_id"},
      {"comment_notification_prefs", "user_id, reply_emails", "user_id"},
      {"comment_settings",
       "id, premoderation, premoderation_first, banned_words, max_links, auto_close_days, "
       "updated_at",
       "id", false, true},
      {"subscription_requests",
       "id, user_id, kind, plan_id, full_name, postal_address, account_number, note, status, "
       "decided_by, decided_at, decision_note, created_at",
       "id", true},
      {"gift_codes",
       "id, code_hash, plan_id, days, expires_at, redeemed_by, redeemed_at, created_at", "id",
       true},
  };
  return kTables;
}

}  // namespace dateline::store
