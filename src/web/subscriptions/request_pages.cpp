#include "web/subscriptions/request_pages.hpp"

#include "core/text.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr int kPageSize = 50;

// The request form as the reader left it (or empty), with the reason it was refused.
struct RequestFormView {
  subscriptions::RequestForm form;
  std::string error;
};

http::Response RenderRequestForm(const SubscriptionsContext& ctx, const Visitor& v,
                                 const RequestFormView& shown, int status) {
  auto plans = ctx.subscriptions.ActivePlans();
  if (!plans.ok()) return ErrorPageFor(ctx, plans.error());
  const auto& f = shown.form;
  render::View view;
  view["print"] = f.kind == subscriptions::RequestKind::kPrint;
  view["full_name"] = f.full_name;
  view["postal_address"] = f.postal_address;
  view["account_number"] = f.account_number;
  view["note"] = f.note;
  if (!shown.error.empty()) view["error"] = shown.error;
  view["unverified"] = !v.viewer->user.verified;
  for (const auto& p : *plans) {
    render::View plan;
    plan["code"] = p.code;
    plan["name"] = p.name;
    plan["selected"] = p.code == f.plan_code;
    view["plans"].Push(std::move(plan));
  }
  PageMeta meta;
  meta.title = f.kind == subscriptions::RequestKind::kPrint ? "Digital access for print subscribers"
                                                            : "Request a subscription";
  return VisitorPage(ctx, v, meta, "pages/subscription_request", std::move(view), status);
}

http::Response RenderRequests(const SubscriptionsContext& ctx, const Visitor& v, int64_t after,
                              const std::string& notice, const std::string& error, int status) {
  auto page = ctx.requests.Waiting(v.actor, after, kPageSize);
  if (!page.ok()) {
    if (page.error().code == core::ErrorCode::kPermissionDenied)
      return NotForYou(ctx, v, page.error());
    return ErrorPageFor(ctx, page.error());
  }
  auto plans = ctx.subscriptions.ActivePlans();
  if (!plans.ok()) return ErrorPageFor(ctx, plans.error());
  render::View view;
  view["count"] = page->total == 1 ? std::string("1 request waits")
                                   : std::to_string(page->total) + " requests wait";
  if (!notice.empty()) view["notice"] = notice;
  if (!error.empty()) view["error"] = error;
  view["has_requests"] = !page->requests.empty();
  // A year from today, the date most requests are approved to.
  view["default_until"] =
      core::FormatIso8601(ctx.clock.NowSeconds() + int64_t{365} * 86400).substr(0, 10);
  for (const auto& r : page->requests) {
    render::View item;
    item["id"] = std::to_string(r.id);
    item["email"] = r.email;
    item["full_name"] = r.full_name;
    item["postal_address"] = r.postal_address;
    item["print"] = r.kind == subscriptions::RequestKind::kPrint;
    item["account_number"] = r.account_number;
    item["plan_name"] = r.plan_name;
    item["note"] = r.note;
    item["created_human"] = core::FormatHumanDateTime(r.created_at);
    for (const auto& p : *plans) {
      render::View plan;
      plan["code"] = p.code;
      plan["name"] = p.name;
      plan["selected"] = p.code == r.plan_code;
      item["plans"].Push(std::move(plan));
    }
    view["requests"].Push(std::move(item));
  }
  if (page->next_after != 0) {
    view["next_url"] = "/admin/requests?after=" + std::to_string(page->next_after);
  }
  if (after != 0) view["first_url"] = "/admin/requests";
  PageMeta meta;
  meta.title = "Subscription requests";
  return VisitorPage(ctx, v, meta, "pages/admin_requests", std::move(view), status);
}

// A refused approval or decline: the list again with the reason, or the error page for a
// server-side failure.
http::Response DecisionRefused(const SubscriptionsContext& ctx, const Visitor& v,
                               const core::Error& e) {
  if (e.code == core::ErrorCode::kPermissionDenied) return NotForYou(ctx, v, e);
  if (HttpStatusFor(e.code) >= 500) return ErrorPageFor(ctx, e);
  return RenderRequests(ctx, v, 0, "", ReaderSentence(e), HttpStatusFor(e.code));
}

http::Response RenderGifts(const SubscriptionsContext& ctx, const Visitor& v, int64_t before,
                           const std::vector<std::string>& made, const std::string& error,
                           int status, const http::Form* typed = nullptr) {
  auto issued = ctx.gift_codes.ListFor(v.actor, before, kPageSize + 1);
  if (!issued.ok()) {
    if (issued.error().code == core::ErrorCode::kPermissionDenied) {
      return NotForYou(ctx, v, issued.error());
    }
    return ErrorPageFor(ctx, issued.error());
  }
  auto total = ctx.gift_codes.Count();
  if (!total.ok()) return ErrorPageFor(ctx, total.error());
  auto plans = ctx.subscriptions.ActivePlans();
  if (!plans.ok()) return ErrorPageFor(ctx, plans.error());
  render::View view;
  bool more = static_cast<int>(issued->size()) > kPageSize;
  if (more) issued->resize(kPageSize);
  view["count"] = std::to_string(*total) + (*total == 1 ? " code made" : " codes made");
  for (const auto& code : made) view["made"].Push(render::View(code));
  view["has_made"] = !made.empty();
  if (!error.empty()) view["error"] = error;
  std::string chosen = typed ? typed->Value("plan") : "";
  for (const auto& p : *plans) {
    render::View plan;
    plan["code"] = p.code;
    plan["name"] = p.name;
    plan["selected"] = p.code == chosen;
    view["plans"].Push(std::move(plan));
  }
  view["days"] = typed ? typed->Value("days") : "30";
  view["count_field"] = typed ? typed->Value("count") : "1";
  view["expires"] =
      typed ? typed->Value("expires")
            : core::FormatIso8601(ctx.clock.NowSeconds() + int64_t{90} * 86400).substr(0, 10);
  view["has_issued"] = !issued->empty();
  for (const auto& g : *issued) {
    render::View item;
    item["plan"] = g.plan_name;
    item["days"] = std::to_string(g.days);
    item["created"] = core::FormatIso8601(g.created_at).substr(0, 10);
    item["expires"] = core::FormatIso8601(g.expires_at).substr(0, 10);
    if (!g.redeemed_by.empty()) {
      item["redeemed_by"] = g.redeemed_by;
      item["redeemed"] = core::FormatIso8601(g.redeemed_at).substr(0, 10);
    }
    view["issued"].Push(std::move(item));
  }
  if (more) view["next_url"] = "/admin/gifts?before=" + std::to_string(issued->back().id);
  if (before != 0) view["first_url"] = "/admin/gifts";
  PageMeta meta;
  meta.title = "Gift codes";
  return VisitorPage(ctx, v, meta, "pages/admin_gifts", std::move(view), status);
}

int64_t QueryNumber(const http::Request& request, std::string_view name) {
  auto query = http::Form::Parse(request.query);
  return query.ok() ? core::ParseInt64(query->Value(name)).value_or(0) : 0;
}

}  // namespace

http::Response SubscriptionRequestForm(const SubscriptionsContext& ctx,
                                       const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, nullptr, request.target);
  if (!visitor) return instead;
  auto query = http::Form::Parse(request.query);
  RequestFormView shown;
  if (query.ok()) {
    shown.form.plan_code = query->Value("plan");
    if (query->Value("kind") == "print") shown.form.kind = subscriptions::RequestKind::kPrint;
  }
  shown.form.full_name = visitor->viewer->user.display_name;
  return RenderRequestForm(ctx, *visitor, shown, 200);
}

http::Response SubscriptionRequestSubmit(const SubscriptionsContext& ctx,
                                         const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/subscribe");
  if (!posted) return instead;
  const http::Form& f = posted->form;
  RequestFormView shown;
  shown.form.kind = f.Value("kind") == "print" ? subscriptions::RequestKind::kPrint
                                               : subscriptions::RequestKind::kSubscribe;
  shown.form.plan_code = f.Value("plan");
  shown.form.full_name = f.Value("full_name");
  shown.form.postal_address = f.Value("postal_address");
  shown.form.account_number = f.Value("account_number");
  shown.form.note = f.Value("note");
  auto saved = ctx.requests.Submit(posted->visitor.viewer->user, shown.form);
  if (!saved.ok()) {
    auto refused = FormErrorFor(saved.error());
    if (!refused) return ErrorPageFor(ctx, saved.error());
    shown.error = refused->message;
    return RenderRequestForm(ctx, posted->visitor, shown, refused->status);
  }
  return NoticePage(ctx, posted->visitor, "Your request is with the newsroom",
                    {"We have sent you an email to confirm it. The newsroom will write to you "
                     "when it is decided, usually within two working days."},
                    "/account", "Go to your account");
}

http::Response AdminRequestsPage(const SubscriptionsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead);
  if (!visitor) return instead;
  auto query = http::Form::Parse(request.query);
  std::string done = query.ok() ? query->Value("done") : "";
  return RenderRequests(ctx, *visitor, QueryNumber(request, "after"),
                        done == "approved" ? "Approved: the reader has digital access and an email."
                        : done == "declined" ? "Declined: the reader has an email with your reason."
                                             : "",
                        "", 200);
}

http::Response AdminRequestApprove(const SubscriptionsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/requests");
  if (!posted) return instead;
  int64_t id = core::ParseInt64(request.PathParam("id")).value_or(0);
  // A date means the end of that day, UTC.
  auto until = core::ParseIso8601(posted->form.Value("until") + "T23:59:59Z");
  if (!until) {
    return RenderRequests(ctx, posted->visitor, 0, "", "Give the end date as a date.", 400);
  }
  auto r = ctx.requests.Approve(posted->visitor.actor, id, posted->form.Value("plan"), *until);
  if (!r.ok()) {
    return DecisionRefused(ctx, posted->visitor, r.error());
  }
  return SeeOther("/admin/requests?done=approved");
}

http::Response AdminRequestDecline(const SubscriptionsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/requests");
  if (!posted) return instead;
  int64_t id = core::ParseInt64(request.PathParam("id")).value_or(0);
  auto r = ctx.requests.Decline(posted->visitor.actor, id, posted->form.Value("reason"));
  if (!r.ok()) {
    return DecisionRefused(ctx, posted->visitor, r.error());
  }
  return SeeOther("/admin/requests?done=declined");
}

http::Response AdminGiftsPage(const SubscriptionsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead);
  if (!visitor) return instead;
  return RenderGifts(ctx, *visitor, QueryNumber(request, "before"), {}, "", 200);
}

http::Response AdminGiftsSubmit(const SubscriptionsContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "/admin/gifts");
  if (!posted) return instead;
  const http::Form& f = posted->form;
  auto expires = core::ParseIso8601(f.Value("expires") + "T23:59:59Z");
  auto days = core::ParseInt64(f.Value("days"));
  auto count = core::ParseInt64(f.Value("count"));
  if (!expires || !days || !count || *days > 100000 || *count > 100000) {
    return RenderGifts(ctx, posted->visitor, 0, {},
                       "Give the days and the number of codes as whole numbers, and the expiry "
                       "as a date.",
                       400, &f);
  }
  auto made = ctx.gift_codes.CreateFor(posted->visitor.actor, f.Value("plan"),
                                       static_cast<int>(*days), *expires, static_cast<int>(*count));
  if (!made.ok()) {
    if (made.error().code == core::ErrorCode::kPermissionDenied) {
      return NotForYou(ctx, posted->visitor, made.error());
    }
    auto shown = FormErrorFor(made.error());
    if (!shown) return ErrorPageFor(ctx, made.error());
    return RenderGifts(ctx, posted->visitor, 0, {}, shown->message, shown->status, &f);
  }
  // Shown this once: only their hashes are kept.
  return RenderGifts(ctx, posted->visitor, 0, *made, "", 200);
}

}  // namespace dateline::web
