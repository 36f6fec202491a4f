#include "articles/article_service.hpp"

#include <fmt/format.h>

#include "articles/paywall.hpp"
#include "core/text.hpp"

namespace dateline::articles {
namespace {

core::Result<void> CheckField(std::string_view name, const std::string& value, size_t max,
                              bool required) {
  if (!core::IsValidUtf8(value)) {
    return core::Error::InvalidArgument(fmt::format("{} is not valid UTF-8", name));
  }
  if (required && core::Trim(value).empty()) {
    return core::Error::InvalidArgument(fmt::format("{} is required", name));
  }
  if (core::CodePointCount(value) > max) {
    return core::Error::InvalidArgument(fmt::format("{} is longer than {} characters", name, max));
  }
  return {};
}

}  // namespace

core::Result<void> ArticleService::Validate(const ArticleDraft& d) {
  if (!core::IsValidSlug(d.slug)) {
    return core::Error::InvalidArgument("slug must be lowercase letters, digits and single dashes");
  }
  DL_TRY(CheckField("headline", d.headline, kMaxHeadline, true));
  DL_TRY(CheckField("dek", d.dek, kMaxDek, false));
  DL_TRY(CheckField("dateline", d.dateline, kMaxDateline, false));
  DL_TRY(CheckField("byline", d.byline, kMaxByline, false));
  DL_TRY(CheckField("body", d.body_markdown, kMaxBodyBytes, true));
  return {};
}

core::Result<UpsertOutcome> ArticleService::Publish(const ArticleDraft& draft) {
  DL_TRY(Validate(draft));
  return store_.Upsert(draft, clock_.NowSeconds());
}

core::Result<std::optional<Article>> ArticleService::FindPublished(std::string_view slug) {
  if (!core::IsValidSlug(slug)) return std::optional<Article>();
  auto found = store_.FindBySlug(slug);
  if (!found.ok()) return found.error();
  if (*found && (*found)->published_at > clock_.NowSeconds()) return std::optional<Article>();
  return found;
}

core::Result<std::optional<Article>> ArticleService::FindPublishedById(int64_t id) {
  auto found = store_.FindById(id);
  if (!found.ok()) return found.error();
  if (*found && (*found)->published_at > clock_.NowSeconds()) return std::optional<Article>();
  return found;
}

core::Result<std::vector<Article>> ArticleService::ListPublished(int limit) {
  return store_.ListPublished(clock_.NowSeconds(), limit);
}

core::Result<ArticleService::PublishedPage> ArticleService::ListPublishedPage(
    std::string_view cursor, int limit) {
  std::optional<std::pair<int64_t, int64_t>> after;
  if (!cursor.empty()) {
    // "PUBLISHED_AT.ID" of the last story on the page before.
    size_t dot = cursor.find('.');
    auto at = core::ParseInt64(cursor.substr(0, dot));
    auto id =
        dot == std::string_view::npos ? std::nullopt : core::ParseInt64(cursor.substr(dot + 1));
    if (!at || !id || *id <= 0) {
      return core::Error::InvalidArgument("That page does not exist; start from the first.")
          .ForReaders();
    }
    after = std::make_pair(*at, *id);
  }
  int64_t now = clock_.NowSeconds();
  auto list = store_.ListPublishedAfter(now, after, limit + 1);
  if (!list.ok()) return list.error();
  auto total = store_.CountPublished(now);
  if (!total.ok()) return total.error();
  PublishedPage page;
  page.total = *total;
  if (static_cast<int>(list->size()) > limit) {
    list->resize(static_cast<size_t>(limit));
    const Article& last = list->back();
    page.next = std::to_string(last.published_at) + "." + std::to_string(last.id);
  }
  page.articles = std::move(list.value());
  return page;
}

core::Result<std::vector<Article>> ArticleService::ListAll(int limit) {
  return store_.ListAll(limit);
}

core::Result<std::optional<int64_t>> ArticleService::NextScheduledPublication() {
  return store_.NextScheduledAfter(clock_.NowSeconds());
}

core::Result<std::vector<Article>> ArticleService::Search(std::string_view query,
                                                          int free_paragraphs, int limit) {
  std::string needle = core::AsciiLower(core::Trim(query));
  if (needle.empty()) return std::vector<Article>();
  // Candidates match anywhere; only those matching in what everyone may read are kept.
  auto candidates = store_.FindContaining(needle, clock_.NowSeconds(), 500);
  if (!candidates.ok()) return candidates.error();
  std::vector<Article> found;
  for (auto& a : *candidates) {
    std::string visible =
        core::AsciiLower(a.headline + "\n" + a.dek + "\n" + PublicMarkdown(a, free_paragraphs));
    if (!core::ContainsWords(visible, needle)) continue;  // "not" is not in "nothing"
    found.push_back(std::move(a));
    if (static_cast<int>(found.size()) >= limit) break;
  }
  return found;
}

}  // namespace dateline::articles
