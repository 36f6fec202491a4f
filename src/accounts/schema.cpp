#include "accounts/schema.hpp"

namespace dateline::accounts {

const store::SchemaPart& Schema() {
  static const store::SchemaPart kPart = {
      {
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
          // SQLite cannot change a CHECK in place: the column is rebuilt under its name.
          {14, "add_contributor_role",  // accounts: contributors write drafts
           R"sql(
ALTER TABLE users ADD COLUMN role_next TEXT NOT NULL DEFAULT 'reader'
  CHECK (role_next IN ('reader', 'contributor', 'author', 'editor', 'moderator', 'admin'));
UPDATE users SET role_next = role;
ALTER TABLE users DROP COLUMN role;
ALTER TABLE users RENAME COLUMN role_next TO role;
)sql",
           R"sql(
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('reader', 'contributor', 'author', 'editor', 'moderator', 'admin'));
)sql"},
          {30, "create_api_keys",  // accounts: content keys and staff tokens for the APIs
           R"sql(
CREATE TABLE api_keys (
  id {id},
  kind TEXT NOT NULL CHECK (kind IN ('content', 'staff')),
  name TEXT NOT NULL,
  hint TEXT NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE,
  scopes BIGINT NOT NULL DEFAULT 0,
  user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
)sql"},
      },
      {
          {"users",
           "id, email, display_name, password_hash, role, must_change_password, email_verified_at, "
           "disabled_at, created_at, updated_at",
           "id", true},
          {"sessions",
           "id_hash, user_id, persistent, created_at, last_seen_at, expires_at, user_agent, ip",
           "id_hash"},
          {"email_verifications",
           "id, user_id, email, token_hash, code_hash, attempts, expires_at, used_at, created_at",
           "id", true},
          {"reset_codes", "id, user_id, code_hash, attempts, expires_at, used_at, created_at", "id",
           true},
          {"reset_requests", "id, email, ip, created_at", "id", true},
          {"api_keys",
           "id, kind, name, hint, fingerprint, scopes, user_id, created_by, created_at, "
           "last_used_at, revoked_at",
           "id", true},
      },
  };
  return kPart;
}

}  // namespace dateline::accounts
