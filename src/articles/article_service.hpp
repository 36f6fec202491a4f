#pragma once
// What web/ and the CLI call for articles. Validates drafts, publishes them, reads what
// is due to be shown. Thread-safe (the store is).

#include <optional>
#include <vector>

#include "articles/article.hpp"
#include "articles/article_store.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace dateline::articles {

class ArticleService {
 public:
  ArticleService(ArticleStore& store, const core::Clock& clock) : store_(store), clock_(clock) {}

  // Creates the article, or updates the one with the same slug and keeps its old text as
  // a revision. Fails with kInvalidArgument (nothing written) if the draft is unusable.
  core::Result<UpsertOutcome> Publish(const ArticleDraft& draft);

  // The article if it exists and is due; nullopt otherwise (scheduled ones stay hidden).
  core::Result<std::optional<Article>> FindPublished(std::string_view slug);
  core::Result<std::optional<Article>> FindPublishedById(int64_t id);
  core::Result<std::vector<Article>> ListPublished(int limit);
  // One page of published stories, newest first. `cursor` is empty for the first page, or
  // a page's `next` from before; a cursor that is not one of ours is kInvalidArgument.
  struct PublishedPage {
    std::vector<Article> articles;
    int64_t total = 0;
    std::string next;  // the cursor of the following page; empty on the last one
  };
  core::Result<PublishedPage> ListPublishedPage(std::string_view cursor, int limit);
  core::Result<std::vector<Article>> ListAll(int limit);
  // Published articles whose public text (see paywall.hpp) contains `query`: text behind
  // the paywall is never searched, so a search cannot reveal it word by word.
  core::Result<std::vector<Article>> Search(std::string_view query, int free_paragraphs, int limit);
  // When the next scheduled article goes live; pages listing articles expire then.
  core::Result<std::optional<int64_t>> NextScheduledPublication();

  static core::Result<void> Validate(const ArticleDraft& draft);

 private:
  ArticleStore& store_;
  const core::Clock& clock_;
};

}  // namespace dateline::articles
