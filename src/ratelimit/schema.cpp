#include "ratelimit/schema.hpp"

namespace dateline::ratelimit {

const store::SchemaPart& Schema() {
  static const store::SchemaPart kPart = {
      {
          {5, "create_accounts_and_mail",  // accounts, ratelimit, mail, audit
           R"sql(
CREATE TABLE rate_limits (
  bucket TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  hits BIGINT NOT NULL
);
)sql"},
      },
      {
          {"rate_limits", "bucket, window_start, hits", "bucket"},
      },
  };
  return kPart;
}

}  // namespace dateline::ratelimit
