#include "comments/schema.hpp"

namespace dateline::comments {
namespace {

// How many approved comments each story has, kept by triggers in the transaction that
// changes a comment, whatever changes it (the service, moderation, import, copy-store):
// a list of stories shows its counts by key, where counting would read every comment of
// the busiest stories on each build of the front page. Derived: not copied, not exported.
constexpr std::string_view kCountsCommon = R"sql(
CREATE TABLE comment_counts (
  article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  approved BIGINT NOT NULL DEFAULT 0
);
INSERT INTO comment_counts (article_id, approved)
  SELECT article_id, COUNT(*) FROM comments WHERE status = 'approved' GROUP BY article_id;
)sql";

constexpr std::string_view kCountsTriggersSqlite = R"sql(
CREATE TRIGGER comment_counts_on_insert AFTER INSERT ON comments
  WHEN new.status = 'approved' BEGIN
  INSERT INTO comment_counts (article_id, approved) VALUES (new.article_id, 1)
    ON CONFLICT (article_id) DO UPDATE SET approved = comment_counts.approved + 1;
END;
CREATE TRIGGER comment_counts_on_delete AFTER DELETE ON comments
  WHEN old.status = 'approved' BEGIN
  UPDATE comment_counts SET approved = approved - 1 WHERE article_id = old.article_id;
END;
CREATE TRIGGER comment_counts_on_change AFTER UPDATE OF status, article_id ON comments
  WHEN (old.status = 'approved') <> (new.status = 'approved')
    OR old.article_id <> new.article_id BEGIN
  UPDATE comment_counts SET approved = approved - 1
    WHERE article_id = old.article_id AND old.status = 'approved';
  INSERT INTO comment_counts (article_id, approved)
    SELECT new.article_id, 1 WHERE new.status = 'approved'
    ON CONFLICT (article_id) DO UPDATE SET approved = comment_counts.approved + 1;
END;
)sql";

constexpr std::string_view kCountsTriggersPostgres = R"sql(
CREATE OR REPLACE FUNCTION comment_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.status = 'approved') = (NEW.status = 'approved')
     AND OLD.article_id = NEW.article_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'approved' THEN
    UPDATE comment_counts SET approved = approved - 1 WHERE article_id = OLD.article_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'approved' THEN
    INSERT INTO comment_counts (article_id, approved) VALUES (NEW.article_id, 1)
      ON CONFLICT (article_id) DO UPDATE SET approved = comment_counts.approved + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER comment_counts_follow AFTER INSERT OR DELETE OR UPDATE OF status, article_id
  ON comments FOR EACH ROW EXECUTE FUNCTION comment_counts_follow();
)sql";

}  // namespace

const store::SchemaPart& Schema() {
  static const std::string kCountsSqlite =
      std::string(kCountsCommon) + std::string(kCountsTriggersSqlite);
  static const std::string kCountsPostgres =
      std::string(kCountsCommon) + std::string(kCountsTriggersPostgres);
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
          {34, "count_approved_comments",  // comments: each story's approved comments
           kCountsSqlite, kCountsPostgres},
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
