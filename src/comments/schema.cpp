#include "comments/schema.hpp"

namespace dateline::comments {

const store::SchemaPart& Schema() {
  static const store::SchemaPart kPart = {
      {
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
          {12, "record_suspensions",  // comments: who suspended a reader, when and why
           R"sql(
ALTER TABLE commenters ADD COLUMN suspended_by BIGINT;
ALTER TABLE commenters ADD COLUMN suspended_at BIGINT;
ALTER TABLE commenters ADD COLUMN suspension_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX commenters_suspended ON commenters (suspended_until, user_id);
)sql"},
          {28, "name_former_commenters",  // comments: an imported comment's author, no account
           R"sql(
ALTER TABLE comments ADD COLUMN former_author TEXT NOT NULL DEFAULT '';
)sql"},
      },
      {
          {"comments",
           "id, article_id, user_id, parent_id, thread_id, body, status, held_reason, featured, "
           "recommendations, idempotency_key, created_at, edited_at, former_author",
           "id", true},
          {"comment_votes", "comment_id, user_id, created_at", "comment_id, user_id"},
          {"comment_flags", "id, comment_id, user_id, reason, created_at, resolved_at", "id", true},
          {"commenters",
           "user_id, suspended_until, approved_count, suspended_by, suspended_at, "
           "suspension_reason",
           "user_id"},
          {"article_comment_settings", "article_id, closed", "article_id"},
          {"comment_notification_prefs", "user_id, reply_emails", "user_id"},
          {"comment_settings",
           "id, premoderation, premoderation_first, banned_words, max_links, auto_close_days, "
           "updated_at",
           "id", false, true},
      },
  };
  return kPart;
}

}  // namespace dateline::comments
