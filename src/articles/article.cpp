#include "articles/article.hpp"

#include "core/enum_names.hpp"

namespace dateline::articles {
namespace {

constexpr core::EnumNames<Access, 3> kAccess{{{{Access::kFree, "free"},
                                               {Access::kRegistered, "registered"},
                                               {Access::kSubscribers, "subscribers"}}}};

constexpr core::EnumNames<Status, 5> kStatuses{{{{Status::kDraft, "draft"},
                                                 {Status::kReview, "review"},
                                                 {Status::kScheduled, "scheduled"},
                                                 {Status::kPublished, "published"},
                                                 {Status::kUnpublished, "unpublished"}}}};

constexpr core::EnumNames<CorrectionKind, 2> kCorrectionKinds{
    {{{CorrectionKind::kCorrection, "correction"},
      {CorrectionKind::kClarification, "clarification"}}}};

}  // namespace

const char* CorrectionKindName(CorrectionKind k) { return kCorrectionKinds.Name(k); }

std::optional<CorrectionKind> ParseCorrectionKind(std::string_view text) {
  return kCorrectionKinds.Parse(text);
}

ArticleDraft TextOf(const Article& a) {
  ArticleDraft d;
  d.slug = a.slug;
  d.headline = a.headline;
  d.dek = a.dek;
  d.dateline = a.dateline;
  d.byline = a.byline;
  d.body_markdown = a.body_markdown;
  d.access = a.access;
  d.published_at = a.published_at;
  return d;
}

void ApplyText(Article& story, const ArticleDraft& text) {
  if (!text.slug.empty()) story.slug = text.slug;
  story.headline = text.headline;
  story.dek = text.dek;
  story.dateline = text.dateline;
  story.byline = text.byline;
  story.body_markdown = text.body_markdown;
  story.access = text.access;
  if (text.published_at) story.published_at = *text.published_at;
}

const char* StatusName(Status s) { return kStatuses.Name(s); }

std::optional<Status> ParseStatus(std::string_view text) { return kStatuses.Parse(text); }

const char* AccessName(Access a) { return kAccess.Name(a); }

std::optional<Access> ParseAccess(std::string_view text) { return kAccess.Parse(text); }

}  // namespace dateline::articles
