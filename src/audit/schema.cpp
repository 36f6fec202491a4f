#include "audit/schema.hpp"

namespace dateline::audit {

const store::SchemaPart& Schema() {
  static const store::SchemaPart kPart = {
      {
          {5, "create_accounts_and_mail",  // accounts, ratelimit, mail, audit
           R"sql(
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
      },
      {
          {"audit_log", "id, user_id, event, ip, detail, created_at", "id", true},
      },
  };
  return kPart;
}

}  // namespace dateline::audit
