#pragma once
// How much of an article a visitor gets, decided in one place for every representation
// that varies by visitor (the page, the JSON API): the whole body for readers with access
// (staff, subscribers, the meter), the public part (articles/paywall.hpp) for everyone else.

#include <optional>
#include <string>

#include "articles/article.hpp"
#include "core/result.hpp"
#include "subscriptions/article_meter.hpp"
#include "web/articles/context.hpp"

namespace dateline::web {

struct Visitor;

struct ArticleAccess {
  bool full = false;
  bool signed_in = false;
  std::string markdown;                               // what this visitor may read
  std::optional<subscriptions::MeterDecision> meter;  // set when the meter was consulted
};

// Whether a metered read may be spent: only when a reader opens the page (GET). HEAD and
// the JSON API read the meter without counting (rereads stay free either way).
enum class MeterUse { kSpend, kPeek };

// `visitor` is null (or signed out) for the anonymous version.
core::Result<ArticleAccess> ArticleAccessFor(const ArticlesContext& ctx, const articles::Article& a,
                                             const Visitor* visitor, MeterUse meter_use);

}  // namespace dateline::web
