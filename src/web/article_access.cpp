#include "web/article_access.hpp"

#include "articles/paywall.hpp"
#include "web/visitor.hpp"

namespace dateline::web {

core::Result<ArticleAccess> ArticleAccessFor(const SiteContext& ctx, const articles::Article& a,
                                             const Visitor* visitor, MeterUse meter_use) {
  ArticleAccess out;
  const accounts::User* user = visitor && visitor->signed_in() ? &visitor->viewer->user : nullptr;
  bool subscribed = false;
  if (user && a.access == articles::Access::kSubscribers) {
    auto access = ctx.subscriptions.HasDigitalAccess(user->id);
    if (!access.ok()) return access.error();
    subscribed = *access;
  }
  articles::Reader reader = articles::ReaderFor(user, subscribed);
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
