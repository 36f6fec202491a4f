#include "web/articles/article_access.hpp"

#include "articles/paywall.hpp"
#include "web/kit/visitor.hpp"

namespace dateline::web {

core::Result<ArticleAccess> ArticleAccessFor(const ArticlesContext& ctx, const articles::Article& a,
                                             const Visitor* visitor, MeterUse meter_use) {
  ArticleAccess out;
  static const accounts::Actor kAnonymous;
  const accounts::Actor& actor = visitor ? visitor->actor : kAnonymous;
  const accounts::User* user = actor.user ? &*actor.user : nullptr;
  articles::Reader reader = articles::ReaderFor(actor);
  out.signed_in = reader.signed_in;
  out.full = articles::CanReadInFull(a, reader);
  // The meter: a few subscriber articles a month for signed-in readers, if turned on.
  if (!out.full && user && a.access == articles::Access::kSubscribers && ctx.meter.enabled()) {
    auto decision = meter_use == MeterUse::kSpend ? ctx.meter.Open(user->id, a.id)
                                                  : ctx.meter.Peek(user->id, a.id);
    if (!decision.ok()) return decision.error();
    out.meter = *decision;
    out.full = decision->allowed;
  }
  out.markdown = out.full
                     ? a.body_markdown
                     : articles::FreePortion(a.body_markdown, ctx.config.paywall_free_paragraphs);
  return out;
}

}  // namespace dateline::web
