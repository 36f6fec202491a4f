#pragma once
// The articles and article_revisions tables. The only place that writes their SQL.

#include <map>
#include <optional>
#include <vector>

#include "articles/article.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace dateline::articles {

struct ArticleTitle {
  std::string slug;
  std::string headline;
};

struct UpsertOutcome {
  Article article;
  bool created = false;
  int64_t revisions = 0;  // earlier versions kept for this slug
};

class ArticleStore {
 public:
  explicit ArticleStore(store::Db& db) : db_(db) {}

  core::Result<std::optional<Article>> FindBySlug(std::string_view slug);
  core::Result<std::optional<Article>> FindById(int64_t id);
  // Slug and headline of these articles, in one query (for lists in other domains).
  core::Result<std::map<int64_t, ArticleTitle>> Titles(const std::vector<int64_t>& ids);
  // Published and due (published_at <= now), newest first.
  core::Result<std::vector<Article>> ListPublished(int64_t now, int limit);
  // The next `limit` published and due, newest first, strictly after the position
  // (published_at, id) of the last one seen; from the newest when `after` is unset.
  core::Result<std::vector<Article>> ListPublishedAfter(
      int64_t now, std::optional<std::pair<int64_t, int64_t>> after, int limit);
  core::Result<int64_t> CountPublished(int64_t now);
  // Every article, scheduled ones included, newest first.
  core::Result<std::vector<Article>> ListAll(int limit);
  // Published articles whose headline, dek or body contains `needle` (ASCII letters
  // compared without case), newest first.
  core::Result<std::vector<Article>> FindContaining(std::string_view needle, int64_t now,
                                                    int limit);
  // The earliest publication time after `now`, if any article is scheduled.
  core::Result<std::optional<int64_t>> NextScheduledAfter(int64_t now);
  // Inserts, or updates the article with the same slug after copying its current text
  // into article_revisions; all in one transaction that also bumps the content generation.
  core::Result<UpsertOutcome> Upsert(const ArticleDraft& draft, int64_t now);

 private:
  store::Db& db_;
};

}  // namespace dateline::articles
