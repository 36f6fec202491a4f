#include "web/subscribe_pages.hpp"

#include "core/time_format.hpp"
#include "web/error_pages.hpp"
#include "web/form_helpers.hpp"
#include "web/page_response.hpp"

namespace dateline::web {
namespace {

std::string Price(const subscriptions::Plan& p) {
  std::string symbol = p.currency == "USD" ? "$" : p.currency == "EUR" ? "€" : p.currency + " ";
  return symbol + subscriptions::FormatAmount(p.price_cents);
}

http::Response RenderRedeem(const SiteContext& ctx, const Visitor& v, const std::string& code,
                            const std::string& error, int status) {
  render::View view;
  view["code"] = code;
  view["unverified"] = !v.viewer->user.verified;
  if (!error.empty()) view["error"] = error;
  PageMeta meta;
  meta.title = "Redeem a gift code";
  return VisitorPage(ctx, v, meta, "pages/redeem", std::move(view), status);
}

}  // namespace

http::Response SubscribePage(const SiteContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  auto plans = ctx.subscriptions.ActivePlans();
  if (!plans.ok()) return ErrorPageFor(ctx, plans.error());
  render::View view;
  for (const auto& p : *plans) {
    render::View item;
    item["name"] = p.name;
    item["price"] = Price(p);
    item["per"] = p.period == "year" ? "a year" : "a month";
    item["description"] = p.description;
    view["plans"].Push(std::move(item));
  }
  PageMeta meta;
  meta.title = "Subscribe";
  meta.description = "Digital access to every article, and the right to comment.";
  meta.canonical_path = "/subscribe";
  return VisitorPage(ctx, *visitor, meta, "pages/subscribe", std::move(view));
}

http::Response RedeemForm(const SiteContext& ctx, const http::Request& request) {
  auto visitor = LoadVisitor(ctx, request);
  if (!visitor.ok()) return ErrorPageFor(ctx, visitor.error());
  if (!visitor->signed_in()) return SeeOther("/login?next=%2Fsubscribe%2Fredeem");
  return RenderRedeem(ctx, *visitor, "", "", 200);
}

http::Response RedeemSubmit(const SiteContext& ctx, const http::Request& request) {
  auto read = ReadPostedForm(ctx, request);
  if (!read.posted) return read.rejection;
  auto& [visitor, form] = *read.posted;
  if (!visitor.signed_in()) return SeeOther("/login?next=%2Fsubscribe%2Fredeem");
  // Unconfirmed accounts cannot subscribe (the address may not be theirs).
  if (!visitor.viewer->user.verified)
    return RenderRedeem(ctx, visitor, form.Value("code"), "", 403);
  auto sub =
      ctx.gift_codes.Redeem(visitor.viewer->user.id, form.Value("code"), request.remote_address);
  if (!sub.ok()) {
    auto shown = FormErrorFor(sub.error());
    if (!shown) return ErrorPageFor(ctx, sub.error());
    return RenderRedeem(ctx, visitor, form.Value("code"), shown->message,
                        shown->status == 401 ? 400 : shown->status);
  }
  return NoticePage(ctx, visitor, "Welcome, subscriber",
                    {"Your gift is redeemed: " + sub->plan.name + " until " +
                     core::FormatHumanDateTime(sub->current_period_end) + "."},
                    "/", "Start reading");
}

}  // namespace dateline::web
