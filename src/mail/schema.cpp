#include "mail/schema.hpp"

namespace dateline::mail {

const store::SchemaPart& Schema() {
  static const store::SchemaPart kPart = {
      {
          {5, "create_accounts_and_mail",  // accounts, ratelimit, mail, audit
           R"sql(
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
)sql"},
      },
      {
          {"outbox",
           "id, to_address, subject, text_body, html_body, extra_headers, created_at, "
           "next_attempt_at, attempts, claimed_until, sent_at, failed_at, last_error",
           "id", true},
      },
  };
  return kPart;
}

}  // namespace dateline::mail
