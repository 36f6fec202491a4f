#include "pages/schema.hpp"

namespace dateline::pages {

const store::SchemaPart& Schema() {
  static const store::SchemaPart kPart = {
      {
          {3, "create_site_pages",  // pages: editorial pages such as the comments policy
           R"sql(
CREATE TABLE site_pages (
  slug TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
)sql"},
      },
      {
          {"site_pages", "slug, title, body_markdown, updated_at", "slug"},
      },
  };
  return kPart;
}

}  // namespace dateline::pages
