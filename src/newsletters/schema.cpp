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
      },
      {
          {"newsletters",
           "id, slug, name, description, sender_name, sender_address, paid, default_on, "
           "created_at",
           "id", true},
      },
  };
  return kPart;
}

}  // namespace dateline::newsletters
