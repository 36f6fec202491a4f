#include "articles/schema.hpp"

namespace dateline::articles {

const store::SchemaPart& Schema() {
  static const store::SchemaPart kPart = {
      {
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
      },
      {
          {"articles",
           "id, slug, headline, dek, dateline, byline, body_markdown, access, status, "
           "published_at, "
           "created_at, updated_at",
           "id", true},
          {"article_revisions",
           "id, article_id, headline, dek, dateline, byline, body_markdown, access, published_at, "
           "created_at",
           "id", true},
      },
  };
  return kPart;
}

}  // namespace dateline::articles
