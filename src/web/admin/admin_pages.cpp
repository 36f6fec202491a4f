#include "web/admin/admin_pages.hpp"

#include <cctype>

#include "core/text.hpp"
#include "core/time_format.hpp"
#include "http/form.hpp"
#include "subscriptions/subscription.hpp"
#include "web/kit/csv_download.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr int kPageSize = 50;

constexpr int kCsvPageSize = 500;
constexpr Check kMembers = &subscriptions::SubscriptionService::MayManageMembers;
constexpr Check kPlans = &subscriptions::SubscriptionService::MayManagePlans;
constexpr Check kPages = &pages::SitePages::MayEdit;

http::Response RenderMembers(const AdminContext& ctx, const Visitor& v, const std::string& q,
                             const std::string& notice, const std::string& error, int status,
                             int64_t after = 0) {
  auto page = ctx.accounts.Members(v.actor, q, after, kPageSize);
  if (!page.ok()) return ErrorPageFor(ctx, page.error());
  const auto* users = &page->users;
  auto plans = ctx.subscriptions.ActivePlans();
  if (!plans.ok()) return ErrorPageFor(ctx, plans.error());
  render::View view;
  view["q"] = q;
  view["searching"] = !q.empty();
  view["count"] =
      page->total == 1 ? std::string("1 member") : std::to_string(page->total) + " members";
  if (page->next_after != 0) {
    view["next_url"] =
        "/admin/members?q=" + http::PercentEncode(q) + "&after=" + std::to_string(page->next_after);
  }
  if (after != 0) view["first_url"] = "/admin/members?q=" + http::PercentEncode(q);
  if (!notice.empty()) view["notice"] = notice;
  if (!error.empty()) view["error"] = error;
  for (const auto& p : *plans) {
    render::View plan;
    plan["code"] = p.code;
    plan["name"] = p.name;
    view["plans"].Push(std::move(plan));
  }
  std::vector<int64_t> ids;
  for (const auto& u : *users) ids.push_back(u.id);
  auto suspended = ctx.comments.SuspendedUntil(ids);
  if (!suspended.ok()) return ErrorPageFor(ctx, suspended.error());
  for (const auto& u : *users) {
    render::View m;
    if (auto s = suspended->find(u.id); s != suspended->end()) {
      m["comment_state"] = s->second == INT64_MAX
                               ? std::string("banned from commenting")
                               : "may not comment until " + core::FormatHumanDateTime(s->second);
    }
    m["id"] = std::to_string(u.id);
    m["name"] = u.display_name;
    m["email"] = u.email;
    m["role"] = accounts::RoleName(u.role);
    for (auto role : accounts::kAllRoles) {
      render::View option;
      option["value"] = accounts::RoleName(role);
      option["selected"] = role == u.role;
      m["roles"].Push(std::move(option));
    }
    m["verified"] = u.verified;
    m["disabled"] = u.disabled;
    auto sub = ctx.subscriptions.Current(u.id);
    if (!sub.ok()) return ErrorPageFor(ctx, sub.error());
    if (*sub) {
      m["plan"] = (*sub)->plan.name;
      m["status"] = subscriptions::StatusName((*sub)->status);
      m["ends_iso"] = core::FormatIso8601((*sub)->current_period_end);
      m["ends_day"] = core::FormatIso8601((*sub)->current_period_end).substr(0, 10);
    }
    view["members"].Push(std::move(m));
  }
  PageMeta meta;
  meta.title = "Members";
  return VisitorPage(ctx, v, meta, "pages/admin_members", std::move(view), status);
}

}  // namespace

// Every account as CSV (the search, when one is given), a page at a time from the
// service, which decides who may have it (kManageMembers).
http::Response AdminMembersCsv(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kMembers);
  if (!visitor) return instead;
  auto query = http::Form::Parse(request.query);
  std::string q = query.ok() ? query->Value("q").substr(0, 100) : "";
  std::string csv =
      "email,name,role,confirmed,disabled,joined,plan,status,access_until,provider\r\n";
  int64_t after = 0;
  for (;;) {
    auto page = ctx.accounts.Members(visitor->actor, q, after, kCsvPageSize);
    if (!page.ok()) return ErrorPageFor(ctx, page.error());
    for (const auto& u : page->users) {
      auto sub = ctx.subscriptions.Current(u.id);
      if (!sub.ok()) return ErrorPageFor(ctx, sub.error());
      csv += CsvField(u.email) + "," + CsvField(u.display_name) + "," + accounts::RoleName(u.role) +
             "," + (u.verified ? "yes" : "no") + "," + (u.disabled ? "yes" : "no") + "," +
             core::FormatIso8601(u.created_at) + ",";
      if (*sub) {
        csv += CsvField((*sub)->plan.code) + "," + subscriptions::StatusName((*sub)->status) + "," +
               core::FormatIso8601((*sub)->current_period_end) + "," + CsvField((*sub)->provider);
      } else {
        csv += ",,,";
      }
      csv += "\r\n";
    }
    if (page->next_after == 0) break;
    after = page->next_after;
  }
  return CsvDownload(std::move(csv), "members.csv");
}

http::Response AdminMembersPage(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kMembers);
  if (!visitor) return instead;
  auto query = http::Form::Parse(request.query);
  std::string q = query.ok() ? query->Value("q").substr(0, 100) : "";
  std::string done = query.ok() ? query->Value("done") : "";
  int64_t after = query.ok() ? core::ParseInt64(query->Value("after")).value_or(0) : 0;
  return RenderMembers(ctx, *visitor, q,
                       done == "granted"   ? "Subscription granted."
                       : done == "revoked" ? "Subscription revoked."
                       : done == "role"    ? "Role changed."
                                           : "",
                       "", 200, after);
}

http::Response AdminGrantSubmit(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "", false, kMembers);
  if (!posted) return instead;
  auto& visitor = posted->visitor;
  auto& form = posted->form;
  // A refusal comes back on the page the admin was on: the same search, a sentence.
  std::string q = form.Value("q").substr(0, 100);
  auto user = ctx.accounts.FindByEmail(form.Value("email"));
  if (!user.ok()) return RenderMembers(ctx, visitor, q, "", "No such member.", 400);
  // A date means the end of that day, UTC.
  auto until = core::ParseIso8601(form.Value("until") + "T23:59:59Z");
  if (!until) {
    return RenderMembers(ctx, visitor, q, "",
                         "Give the end date for " + user->email + " as a date.", 400);
  }
  auto granted = ctx.subscriptions.Grant(visitor.actor, user->id, form.Value("plan"), *until);
  if (!granted.ok()) {
    auto shown = FormErrorFor(granted.error());
    if (!shown && granted.error().code != core::ErrorCode::kNotFound) {
      return ErrorPageFor(ctx, granted.error());
    }
    return RenderMembers(ctx, visitor, q, "", shown ? shown->message : "No such plan.", 400);
  }
  return SeeOther("/admin/members?done=granted&q=" + http::PercentEncode(user->email));
}

http::Response AdminRoleSubmit(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "", false, kMembers);
  if (!posted) return instead;
  auto& visitor = posted->visitor;
  auto& form = posted->form;
  std::string q = form.Value("q").substr(0, 100);
  auto role = accounts::ParseRole(form.Value("role"));
  if (!role) return RenderMembers(ctx, visitor, q, "", "Choose one of the roles listed.", 400);
  auto changed = ctx.accounts.SetRole(visitor.actor, form.Value("email"), *role, ClientOf(request));
  if (!changed.ok()) {
    auto shown = FormErrorFor(changed.error());
    if (!shown && changed.error().code != core::ErrorCode::kNotFound) {
      return ErrorPageFor(ctx, changed.error());
    }
    return RenderMembers(ctx, visitor, q, "", shown ? shown->message : "No such member.",
                         shown ? shown->status : 400);
  }
  return SeeOther("/admin/members?done=role&q=" + http::PercentEncode(changed->email));
}

http::Response AdminRevokeSubmit(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "", false, kMembers);
  if (!posted) return instead;
  auto& visitor = posted->visitor;
  auto& form = posted->form;
  auto user = ctx.accounts.FindByEmail(form.Value("email"));
  if (!user.ok()) {
    return RenderMembers(ctx, visitor, form.Value("q").substr(0, 100), "", "No such member.", 400);
  }
  auto revoked = ctx.subscriptions.Revoke(visitor.actor, user->id);
  if (!revoked.ok()) return ErrorPageFor(ctx, revoked.error());
  return SeeOther("/admin/members?done=revoked&q=" + http::PercentEncode(user->email));
}

namespace {

// "9.00" or "9" -> 900 cents; nullopt for anything else.
std::optional<int64_t> ParsePrice(std::string_view text) {
  size_t dot = text.find('.');
  std::string whole(text.substr(0, dot)),
      cents = dot == std::string_view::npos ? "" : std::string(text.substr(dot + 1));
  if (whole.empty() || whole.size() > 7 || cents.size() > 2) return std::nullopt;
  for (char c : whole + cents) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  while (cents.size() < 2) cents += '0';
  return std::stoll(whole) * 100 + std::stoll(cents);
}

http::Response RenderPlans(const AdminContext& ctx, const Visitor& v, const http::Form* form,
                           const std::string& notice, const std::string& error, int status) {
  auto plans = ctx.subscriptions.ActivePlans();
  if (!plans.ok()) return ErrorPageFor(ctx, plans.error());
  render::View view;
  for (const auto& p : *plans) {
    render::View item;
    item["code"] = p.code;
    item["name"] = p.name;
    item["description"] = p.description;
    item["price"] = subscriptions::FormatAmount(p.price_cents);
    item["currency"] = p.currency;
    item["period"] = p.period;
    if (!p.stripe_price.empty()) item["stripe_price"] = p.stripe_price;
    view["plans"].Push(std::move(item));
  }
  view["form_currency"] = form ? form->Value("currency") : "USD";
  if (form) {
    view["form_code"] = form->Value("code");
    view["form_name"] = form->Value("name");
    view["form_description"] = form->Value("description");
    view["form_price"] = form->Value("price");
    view["form_stripe_price"] = form->Value("stripe_price");
  }
  if (!notice.empty()) view["notice"] = notice;
  if (!error.empty()) view["error"] = error;
  PageMeta meta;
  meta.title = "Plans";
  return VisitorPage(ctx, v, meta, "pages/admin_plans", std::move(view), status);
}

}  // namespace

http::Response AdminPlansPage(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kPlans);
  if (!visitor) return instead;
  auto query = http::Form::Parse(request.query);
  bool saved = query.ok() && query->Value("done") == "saved";
  return RenderPlans(ctx, *visitor, nullptr, saved ? "Plans updated." : "", "", 200);
}

http::Response AdminPlanSubmit(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "", false, kPlans);
  if (!posted) return instead;
  auto& visitor = posted->visitor;
  auto& form = posted->form;
  auto price = ParsePrice(form.Value("price"));
  if (!price) return RenderPlans(ctx, visitor, &form, "", "Give the price like 9.00.", 400);
  subscriptions::Plan plan{0,
                           form.Value("code"),
                           form.Value("name"),
                           form.Value("description"),
                           *price,
                           form.Value("currency"),
                           form.Value("period"),
                           std::string(core::Trim(form.Value("stripe_price")))};
  auto saved = ctx.subscriptions.SavePlan(visitor.actor, plan);
  if (!saved.ok()) {
    auto shown = FormErrorFor(saved.error());
    if (!shown) return ErrorPageFor(ctx, saved.error());
    return RenderPlans(ctx, visitor, &form, "", shown->message, shown->status);
  }
  return SeeOther("/admin/plans?done=saved");
}

http::Response AdminPlanWithdraw(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "", false, kPlans);
  if (!posted) return instead;
  auto r =
      ctx.subscriptions.SetPlanActive(posted->visitor.actor, posted->form.Value("code"), false);
  if (!r.ok() && r.error().code != core::ErrorCode::kNotFound) return ErrorPageFor(ctx, r.error());
  return SeeOther("/admin/plans?done=saved");
}

namespace {

http::Response RenderPageEditor(const AdminContext& ctx, const Visitor& v,
                                const pages::KnownPage& known, const std::string& title,
                                const std::string& body, const std::string& notice,
                                const std::string& error, int status) {
  render::View view;
  view["slug"] = known.slug;
  view["about"] = known.about;
  view["title"] = title;
  view["body"] = body;
  if (!notice.empty()) view["notice"] = notice;
  if (!error.empty()) view["error"] = error;
  PageMeta meta;
  meta.title = std::string("Edit: ") + known.title;
  return VisitorPage(ctx, v, meta, "pages/admin_page_editor", std::move(view), status);
}

}  // namespace

http::Response AdminPagesList(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kPages);
  if (!visitor) return instead;
  render::View view;
  for (const auto& known : pages::kKnownPages) {
    auto page = ctx.site_pages.Find(known.slug);
    if (!page.ok()) return ErrorPageFor(ctx, page.error());
    render::View row;
    row["slug"] = known.slug;
    row["title"] = *page ? (*page)->title : known.title;
    row["about"] = known.about;
    if (*page) {
      row["updated_iso"] = core::FormatIso8601((*page)->updated_at);
      row["updated"] = core::FormatHumanDateTime((*page)->updated_at);
    }
    view["pages"].Push(std::move(row));
  }
  PageMeta meta;
  meta.title = "Pages";
  return VisitorPage(ctx, *visitor, meta, "pages/admin_pages", std::move(view));
}

http::Response AdminSitePage(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kPages);
  if (!visitor) return instead;
  const pages::KnownPage* known = pages::FindKnownPage(request.PathParam("slug"));
  if (!known) return ErrorPage(ctx, 404);
  auto page = ctx.site_pages.Find(known->slug);
  if (!page.ok()) return ErrorPageFor(ctx, page.error());
  auto query = http::Form::Parse(request.query);
  bool saved = query.ok() && query->Value("done") == "saved";
  return RenderPageEditor(ctx, *visitor, *known, *page ? (*page)->title : known->title,
                          *page ? (*page)->body_markdown : "", saved ? "Saved and published." : "",
                          "", 200);
}

http::Response AdminSitePageSubmit(const AdminContext& ctx, const http::Request& request) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "", false, kPages);
  if (!posted) return instead;
  const pages::KnownPage* known = pages::FindKnownPage(request.PathParam("slug"));
  if (!known) return ErrorPage(ctx, 404);
  auto& visitor = posted->visitor;
  auto& form = posted->form;
  std::string title(core::Trim(form.Value("title")));
  std::string body = form.Value("body");
  auto saved =
      ctx.site_pages.Save(visitor.actor, {known->slug, title, body, ctx.clock.NowSeconds()});
  if (!saved.ok()) {
    auto shown = FormErrorFor(saved.error());
    if (!shown) return ErrorPageFor(ctx, saved.error());
    return RenderPageEditor(ctx, visitor, *known, title, body, "", shown->message, shown->status);
  }
  ctx.cache.Clear();  // this node at once; others through the content generation
  return SeeOther(std::string("/admin/pages/") + known->slug + "?done=saved");
}

}  // namespace dateline::web
