#include "newsletters/schema.hpp"

namespace dateline::newsletters {

const store::SchemaPart& Schema() {
  static const store::SchemaPart kPart = {
      {
          {24, "create_newsletters",  // newsletters: the lists readers join
           R"sql(
CREATE TABLE newsletters (
  id {id},
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  sender_name TEXT NOT NULL DEFAULT '',
  sender_address TEXT NOT NULL DEFAULT '',
  paid BIGINT NOT NULL DEFAULT 0,
  default_on BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
)sql"},
          {25, "create_newsletter_members_and_issues",  // newsletters: who gets what, once
           R"sql(
CREATE TABLE newsletter_members (
  id {id},
  newsletter_id BIGINT NOT NULL REFERENCES newsletters (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'unsubscribed')),
  source TEXT NOT NULL DEFAULT '',
  confirm_hash TEXT,
  consent_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (newsletter_id, email)
);
CREATE INDEX newsletter_members_by_state ON newsletter_members (newsletter_id, state, id);
CREATE INDEX newsletter_members_by_email ON newsletter_members (email);
CREATE INDEX newsletter_members_by_confirmation ON newsletter_members (confirm_hash);
CREATE TABLE mail_suppressions (
  email TEXT PRIMARY KEY,
  reason TEXT NOT NULL CHECK (reason IN ('bounce', 'complaint', 'manual')),
  detail TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE TABLE newsletter_issues (
  id {id},
  newsletter_id BIGINT NOT NULL REFERENCES newsletters (id) ON DELETE CASCADE,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  subject TEXT NOT NULL,
  segment TEXT NOT NULL CHECK (segment IN ('all', 'paid', 'free')),
  state TEXT NOT NULL CHECK (state IN ('scheduled', 'sending', 'sent')),
  send_at BIGINT NOT NULL,
  message_key TEXT NOT NULL,
  recipients BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  queued_at BIGINT,
  finished_at BIGINT
);
CREATE INDEX newsletter_issues_by_newsletter ON newsletter_issues (newsletter_id, id);
CREATE INDEX newsletter_issues_due ON newsletter_issues (state, send_at);
CREATE TABLE newsletter_deliveries (
  id {id},
  issue_id BIGINT NOT NULL REFERENCES newsletter_issues (id) ON DELETE CASCADE,
  member_id BIGINT NOT NULL REFERENCES newsletter_members (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  state TEXT NOT NULL
    CHECK (state IN ('queued', 'sent', 'failed', 'bounced', 'skipped')),
  skip_reason TEXT NOT NULL DEFAULT '',
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  claimed_by TEXT NOT NULL DEFAULT '',
  claimed_until BIGINT,
  sent_at BIGINT,
  last_error TEXT NOT NULL DEFAULT '',
  UNIQUE (issue_id, member_id)
);
CREATE INDEX newsletter_deliveries_queued ON newsletter_deliveries (state, id);
CREATE INDEX newsletter_deliveries_by_issue ON newsletter_deliveries (issue_id, state);
)sql"},
          {26, "create_newsletter_issue_stories",  // newsletters: a digest's further stories
           R"sql(
CREATE TABLE newsletter_issue_stories (
  issue_id BIGINT NOT NULL REFERENCES newsletter_issues (id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (issue_id, position)
);
)sql"},
      },
      {
          {"newsletters",
           "id, slug, name, description, sender_name, sender_address, paid, default_on, "
           "created_at",
           "id", true},
          {"newsletter_members",
           "id, newsletter_id, email, name, state, source, confirm_hash, consent_at, created_at, "
           "updated_at",
           "id", true},
          {"mail_suppressions", "email, reason, detail, created_at", "email", false},
          {"newsletter_issues",
           "id, newsletter_id, article_id, subject, segment, state, send_at, message_key, "
           "recipients, created_by, created_at, queued_at, finished_at",
           "id", true},
          {"newsletter_deliveries",
           "id, issue_id, member_id, email, state, skip_reason, attempts, next_attempt_at, "
           "claimed_by, claimed_until, sent_at, last_error",
           "id", true},
          {"newsletter_issue_stories", "issue_id, position, article_id", "issue_id, position",
           false},
      },
  };
  return kPart;
}

}  // namespace dateline::newsletters
