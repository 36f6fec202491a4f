#include "articles/schema.hpp"

#include <string>
#include <string_view>

namespace dateline::articles {
namespace {

// What both dialects run after the status column takes the newsroom's values.
constexpr std::string_view kNewsroomCommon = R"sql(
ALTER TABLE articles ADD COLUMN author_id BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN revision_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN deleted_at BIGINT;
CREATE INDEX articles_by_update ON articles (updated_at, id);
ALTER TABLE article_revisions ADD COLUMN slug TEXT NOT NULL DEFAULT '';
ALTER TABLE article_revisions ADD COLUMN saved_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
INSERT INTO article_revisions (article_id, slug, headline, dek, dateline, byline, body_markdown,
  access, published_at, created_at)
  SELECT id, slug, headline, dek, dateline, byline, body_markdown, access, published_at, updated_at
  FROM articles;
UPDATE article_revisions SET slug = (SELECT slug FROM articles WHERE articles.id = article_revisions.article_id)
  WHERE slug = '';
UPDATE articles SET revision_id =
  (SELECT MAX(id) FROM article_revisions WHERE article_revisions.article_id = articles.id);
CREATE TABLE article_transitions (
  id {id},
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  note TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);
CREATE INDEX article_transitions_by_article ON article_transitions (article_id, id);
CREATE TABLE article_slugs (
  slug TEXT PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  retired_at BIGINT NOT NULL
);
)sql";

// SQLite cannot change a CHECK in place: the column is rebuilt under its name.
constexpr std::string_view kNewsroomStatusSqlite = R"sql(
DROP INDEX articles_by_publication;
ALTER TABLE articles ADD COLUMN status_next TEXT NOT NULL DEFAULT 'published'
  CHECK (status_next IN ('draft', 'review', 'scheduled', 'published', 'unpublished'));
UPDATE articles SET status_next = status;
ALTER TABLE articles DROP COLUMN status;
ALTER TABLE articles RENAME COLUMN status_next TO status;
CREATE INDEX articles_by_publication ON articles (status, published_at);
)sql";

constexpr std::string_view kNewsroomStatusPostgres = R"sql(
ALTER TABLE articles DROP CONSTRAINT articles_status_check;
ALTER TABLE articles ADD CONSTRAINT articles_status_check
  CHECK (status IN ('draft', 'review', 'scheduled', 'published', 'unpublished'));
)sql";

// Full-text search (search_store.hpp). The index is derived from the stories and rebuilt
// whenever its state row is missing or was made with another free-part length.
constexpr std::string_view kSearchSqlite = R"sql(
CREATE VIRTUAL TABLE article_search USING fts5(
  headline, dek, public_text, hidden_text, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER article_search_follows_deletes AFTER DELETE ON articles BEGIN
  DELETE FROM article_search WHERE rowid = old.id;
END;
CREATE TABLE article_search_state (
  id BIGINT PRIMARY KEY,
  free_paragraphs BIGINT NOT NULL,
  built_at BIGINT NOT NULL
);
)sql";

constexpr std::string_view kSearchPostgres = R"sql(
CREATE TABLE article_search (
  article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  public_doc TSVECTOR NOT NULL,
  full_doc TSVECTOR NOT NULL
);
CREATE INDEX article_search_public ON article_search USING GIN (public_doc);
CREATE INDEX article_search_full ON article_search USING GIN (full_doc);
CREATE TABLE article_search_state (
  id BIGINT PRIMARY KEY,
  free_paragraphs BIGINT NOT NULL,
  built_at BIGINT NOT NULL
);
)sql";

// Lists of live stories newest first, at any archive size (migration 33).
//
// Partial indexes hold only the stories readers may see, so a page of a list walks one
// index in order and stops, and a shelf's count reads index entries, not rows holding
// whole bodies; they replace the index on (status, published_at), which led the planner
// to sort every live story. A query uses them when it says kLive (article_store.cpp)
// word for word.
//
// A byline or tag list cannot walk the stories' time index (an author's stories are a
// fifth of the site, a rare tag's a thousandth), so each link row carries its story's
// publication time and whether it is listed, kept by triggers whatever writes the story
// (newsroom, import, copy-store), and its own index walks one author's or tag's stories
// newest first.
constexpr std::string_view kLiveListsCommon = R"sql(
DROP INDEX articles_by_publication;
CREATE INDEX articles_live ON articles (published_at, id, updated_at)
  WHERE status IN ('scheduled', 'published') AND deleted_at IS NULL;
CREATE INDEX articles_live_by_section ON articles (section_id, published_at, id)
  WHERE status IN ('scheduled', 'published') AND deleted_at IS NULL;
ALTER TABLE article_authors ADD COLUMN published_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE article_authors ADD COLUMN listed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE article_tags ADD COLUMN published_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE article_tags ADD COLUMN listed BIGINT NOT NULL DEFAULT 0;
UPDATE article_authors SET
  published_at = (SELECT a.published_at FROM articles a WHERE a.id = article_id),
  listed = (SELECT CASE WHEN a.status IN ('scheduled', 'published') AND a.deleted_at IS NULL
            THEN 1 ELSE 0 END FROM articles a WHERE a.id = article_id);
UPDATE article_tags SET
  published_at = (SELECT a.published_at FROM articles a WHERE a.id = article_id),
  listed = (SELECT CASE WHEN a.status IN ('scheduled', 'published') AND a.deleted_at IS NULL
            THEN 1 ELSE 0 END FROM articles a WHERE a.id = article_id);
DROP INDEX article_authors_by_author;
DROP INDEX article_tags_by_tag;
CREATE INDEX article_authors_by_author ON article_authors (author_id, listed, published_at, article_id);
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, listed, published_at, article_id);
)sql";

constexpr std::string_view kLiveListsTriggersSqlite = R"sql(
CREATE TRIGGER article_authors_take_listing AFTER INSERT ON article_authors BEGIN
  UPDATE article_authors SET
    published_at = (SELECT published_at FROM articles WHERE id = new.article_id),
    listed = (SELECT CASE WHEN status IN ('scheduled', 'published') AND deleted_at IS NULL
              THEN 1 ELSE 0 END FROM articles WHERE id = new.article_id)
  WHERE article_id = new.article_id AND author_id = new.author_id;
END;
CREATE TRIGGER article_tags_take_listing AFTER INSERT ON article_tags BEGIN
  UPDATE article_tags SET
    published_at = (SELECT published_at FROM articles WHERE id = new.article_id),
    listed = (SELECT CASE WHEN status IN ('scheduled', 'published') AND deleted_at IS NULL
              THEN 1 ELSE 0 END FROM articles WHERE id = new.article_id)
  WHERE article_id = new.article_id AND tag_id = new.tag_id;
END;
CREATE TRIGGER article_links_follow_story AFTER UPDATE OF status, deleted_at, published_at
  ON articles BEGIN
  UPDATE article_authors SET published_at = new.published_at,
    listed = CASE WHEN new.status IN ('scheduled', 'published') AND new.deleted_at IS NULL
             THEN 1 ELSE 0 END
  WHERE article_id = new.id;
  UPDATE article_tags SET published_at = new.published_at,
    listed = CASE WHEN new.status IN ('scheduled', 'published') AND new.deleted_at IS NULL
             THEN 1 ELSE 0 END
  WHERE article_id = new.id;
END;
)sql";

constexpr std::string_view kLiveListsTriggersPostgres = R"sql(
CREATE OR REPLACE FUNCTION article_link_take_listing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT a.published_at,
         CASE WHEN a.status IN ('scheduled', 'published') AND a.deleted_at IS NULL THEN 1 ELSE 0 END
    INTO NEW.published_at, NEW.listed
    FROM articles a WHERE a.id = NEW.article_id;
  RETURN NEW;
END $$;
CREATE TRIGGER article_authors_take_listing BEFORE INSERT ON article_authors
  FOR EACH ROW EXECUTE FUNCTION article_link_take_listing();
CREATE TRIGGER article_tags_take_listing BEFORE INSERT ON article_tags
  FOR EACH ROW EXECUTE FUNCTION article_link_take_listing();
CREATE OR REPLACE FUNCTION article_links_follow_story() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  shown BIGINT := CASE WHEN NEW.status IN ('scheduled', 'published') AND NEW.deleted_at IS NULL
                  THEN 1 ELSE 0 END;
BEGIN
  UPDATE article_authors SET published_at = NEW.published_at, listed = shown
    WHERE article_id = NEW.id;
  UPDATE article_tags SET published_at = NEW.published_at, listed = shown
    WHERE article_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER article_links_follow_story AFTER UPDATE OF status, deleted_at, published_at
  ON articles FOR EACH ROW EXECUTE FUNCTION article_links_follow_story();
)sql";

}  // namespace

const store::SchemaPart& Schema() {
  static const std::string kNewsroomSqlite =
      std::string(kNewsroomStatusSqlite) + std::string(kNewsroomCommon);
  static const std::string kNewsroomPostgres =
      std::string(kNewsroomStatusPostgres) + std::string(kNewsroomCommon);
  static const std::string kLiveListsSqlite =
      std::string(kLiveListsCommon) + std::string(kLiveListsTriggersSqlite);
  static const std::string kLiveListsPostgres =
      std::string(kLiveListsCommon) + std::string(kLiveListsTriggersPostgres);
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
          {15, "newsroom_workflow",  // articles: workflow, authors, revisions, old slugs
           kNewsroomSqlite, kNewsroomPostgres},
          {16, "create_article_corrections",  // articles: corrections and clarifications
           R"sql(
CREATE TABLE article_corrections (
  id {id},
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('correction', 'clarification')),
  body TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX article_corrections_by_article ON article_corrections (article_id, id);
CREATE INDEX article_corrections_by_time ON article_corrections (created_at, id);
)sql"},
          {17, "create_article_autosaves_and_presence",  // articles: the editor's script
           R"sql(
CREATE TABLE article_autosaves (
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  base_revision BIGINT NOT NULL,
  slug TEXT NOT NULL,
  headline TEXT NOT NULL,
  dek TEXT NOT NULL,
  dateline TEXT NOT NULL,
  byline TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  access TEXT NOT NULL,
  saved_at BIGINT NOT NULL,
  PRIMARY KEY (article_id, user_id)
);
CREATE TABLE article_presence (
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  seen_at BIGINT NOT NULL,
  PRIMARY KEY (article_id, user_id)
);
)sql"},
          {18, "create_sections_tags_authors",  // articles: the newspaper's structure
           R"sql(
CREATE TABLE sections (
  id {id},
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position BIGINT NOT NULL DEFAULT 0,
  opinion BIGINT NOT NULL DEFAULT 0,
  in_navigation BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);
CREATE TABLE tags (
  id {id},
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE authors (
  id {id},
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  bio TEXT NOT NULL DEFAULT '',
  role_title TEXT NOT NULL DEFAULT '',
  user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX authors_by_user ON authors (user_id);
ALTER TABLE articles ADD COLUMN section_id BIGINT REFERENCES sections (id) ON DELETE SET NULL;
CREATE INDEX articles_by_section ON articles (section_id, published_at, id);
CREATE INDEX articles_by_time ON articles (published_at, id);
CREATE TABLE article_authors (
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  author_id BIGINT NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  credit TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_by_author ON article_authors (author_id, article_id);
CREATE TABLE article_tags (
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);
)sql"},
          {19, "create_article_search",  // articles: full-text search
           kSearchSqlite, kSearchPostgres},
          {21, "add_article_lead_image",  // articles: a story's lead image (a media key)
           "ALTER TABLE articles ADD COLUMN lead_image TEXT NOT NULL DEFAULT '';"},
          {22, "create_front_page_plan",  // articles: the front page as editors arrange it
           R"sql(
CREATE TABLE front_pins (
  position BIGINT PRIMARY KEY,
  article_id BIGINT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE
);
CREATE TABLE front_sections (
  position BIGINT PRIMARY KEY,
  section_id BIGINT NOT NULL UNIQUE REFERENCES sections (id) ON DELETE CASCADE
);
)sql"},
          {23, "add_author_photo",  // articles: an author's photograph (a media key)
           "ALTER TABLE authors ADD COLUMN photo TEXT NOT NULL DEFAULT '';"},
          // articles: what the sitemap needs of every story, read from the index alone
          // (the rows hold whole bodies, which a scan of 100,000 stories would read too).
          {32, "index_articles_for_sitemap",
           "CREATE INDEX articles_for_sitemap ON articles "
           "(id, status, deleted_at, published_at, updated_at, slug);"},
          {33, "index_live_stories",  // articles: lists of live stories at archive scale
           kLiveListsSqlite, kLiveListsPostgres},
          // articles: each sitemap group's latest change in one seek (kStoriesPerSitemap
          // ids to a group; article_list_store.cpp spells the same expressions).
          {35, "index_sitemap_groups",
           "CREATE INDEX articles_sitemap_groups ON articles ((id / 10000), "
           "(CASE WHEN updated_at > published_at THEN updated_at ELSE published_at END), "
           "published_at) WHERE status IN ('scheduled', 'published') AND deleted_at IS NULL;"},
      },
      {
          {"sections", "id, slug, name, description, position, opinion, in_navigation, created_at",
           "id", true},
          {"tags", "id, slug, name, created_at", "id", true},
          {"authors", "id, slug, name, bio, role_title, user_id, created_at, photo", "id", true},
          {"articles",
           "id, slug, headline, dek, dateline, byline, body_markdown, access, status, "
           "author_id, revision_id, deleted_at, published_at, created_at, updated_at, section_id, "
           "lead_image",
           "id", true},
          {"article_revisions",
           "id, article_id, slug, headline, dek, dateline, byline, body_markdown, access, "
           "published_at, saved_by, created_at",
           "id", true},
          {"article_transitions", "id, article_id, from_status, to_status, actor_id, note, at",
           "id", true},
          {"article_slugs", "slug, article_id, retired_at", "slug"},
          {"article_corrections", "id, article_id, kind, body, created_by, created_at", "id", true},
          {"article_autosaves",
           "article_id, user_id, base_revision, slug, headline, dek, dateline, byline, "
           "body_markdown, access, saved_at",
           "article_id, user_id"},
          {"article_presence", "article_id, user_id, seen_at", "article_id, user_id"},
          {"article_authors", "article_id, author_id, position, credit", "article_id, author_id"},
          {"article_tags", "article_id, tag_id", "article_id, tag_id"},
          {"front_pins", "position, article_id", "position"},
          {"front_sections", "position, section_id", "position"},
      },
  };
  return kPart;
}

}  // namespace dateline::articles
